import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeEmbedder } from "../../test-support/fake-embedder.js";
import { ensureIndex } from "./ingest.js";
import { copyLiveIndex } from "./index-files.js";

let root: string;
let corpusDir: string;
let dataDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "chronicle-ingest-"));
  corpusDir = join(root, "corpus");
  dataDir = join(root, "data");
  await import("node:fs/promises").then((fs) => fs.mkdir(corpusDir));
  await writeFile(join(corpusDir, "a.txt"), "Ties\nThe navies met often.\nJuly 24, 2024: Bombers patrol near Alaska.\n");
});
afterEach(() => rm(root, { recursive: true, force: true }));

const generation = async () => (await readFile(join(dataDir, "CURRENT"), "utf8")).trim();

describe("ensureIndex", () => {
  it("builds once, then a re-ingest of an unchanged corpus is a no-op", async () => {
    const embedder = createFakeEmbedder();
    const first = await ensureIndex({ corpusDir, dataDir, embedder });
    expect(first.rebuilt).toBe(true);
    expect(first.index.manifest.counts).toEqual({ documents: 1, chunks: 2, chronology: 1, skipped: 0 });
    const calls = embedder.calls;
    const second = await ensureIndex({ corpusDir, dataDir, embedder });
    expect(second.rebuilt).toBe(false);
    expect(embedder.calls).toBe(calls);
    expect(second.index.chunks).toEqual(first.index.chunks);
  });

  it("rebuilds when a file is added, changed or removed, or the embedder changes, saying why", async () => {
    const embedder = createFakeEmbedder();
    await ensureIndex({ corpusDir, dataDir, embedder });
    await writeFile(join(corpusDir, "b.md"), "# Notes\nMore prose.");
    expect((await ensureIndex({ corpusDir, dataDir, embedder })).reason).toBe("corpus added b.md");
    await writeFile(join(corpusDir, "b.md"), "# Notes\nChanged prose.");
    expect((await ensureIndex({ corpusDir, dataDir, embedder })).reason).toBe("corpus changed b.md");
    await rm(join(corpusDir, "b.md"));
    expect((await ensureIndex({ corpusDir, dataDir, embedder })).reason).toBe("corpus removed b.md");
    const other = await ensureIndex({ corpusDir, dataDir, embedder: createFakeEmbedder("fake:other", 32) });
    expect(other.reason).toMatch(/embedder fake:hash-64, now fake:other/);
    // Older builds are cleaned away: one index folder remains.
    expect((await readdir(dataDir)).filter((name) => name.startsWith("index-"))).toEqual([await generation()]);
  });

  it("rebuilds a truncated or corrupt index instead of crashing", async () => {
    const embedder = createFakeEmbedder();
    await ensureIndex({ corpusDir, dataDir, embedder });
    const dir = join(dataDir, await generation());
    const file = join(dir, "hnsw", "hnswlib.index");
    await writeFile(file, (await readFile(file)).subarray(0, 10));
    const repaired = await ensureIndex({ corpusDir, dataDir, embedder });
    expect(repaired.rebuilt).toBe(true);
    expect(repaired.reason).toMatch(/hnsw\/hnswlib.index is corrupt/);
    await writeFile(join(dataDir, await generation(), "bm25.json"), "{not json");
    expect((await ensureIndex({ corpusDir, dataDir, embedder })).reason).toMatch(/bm25.json is corrupt/);
    await writeFile(join(dataDir, await generation(), "manifest.json"), "garbage");
    expect((await ensureIndex({ corpusDir, dataDir, embedder })).reason).toMatch(/manifest/);
    const healthy = await ensureIndex({ corpusDir, dataDir, embedder });
    expect(healthy.rebuilt).toBe(false);
  });

  it("lets two ingests run at once without corrupting the index", async () => {
    const embedder = createFakeEmbedder();
    const [a, b] = await Promise.all([ensureIndex({ corpusDir, dataDir, embedder }), ensureIndex({ corpusDir, dataDir, embedder })]);
    expect([a.rebuilt, b.rebuilt].filter(Boolean)).toHaveLength(1);
    expect((await ensureIndex({ corpusDir, dataDir, embedder })).rebuilt).toBe(false);
  });

  it("fails with a clear message for a missing or empty corpus", async () => {
    await expect(ensureIndex({ corpusDir: join(root, "nope"), dataDir, embedder: createFakeEmbedder() })).rejects.toThrow(/CORPUS_DIR: cannot read/);
    await rm(join(corpusDir, "a.txt"));
    await expect(ensureIndex({ corpusDir, dataDir, embedder: createFakeEmbedder() })).rejects.toThrow(/CORPUS_DIR: no documents in/);
  });

  it("embeds only new or changed passages on a rebuild, and forgets removed documents", async () => {
    const embedder = countingEmbedder();
    await writeFile(join(corpusDir, "b.md"), "# Notes\nFirst paragraph about ferries.\n\nSecond paragraph about trams.\n");
    const first = await ensureIndex({ corpusDir, dataDir, embedder });
    expect(first.embedded).toBe(4);
    expect(embedder.texts).toHaveLength(4);

    await writeFile(join(corpusDir, "b.md"), "# Notes\nFirst paragraph about ferries.\n\nSecond paragraph about buses.\n");
    const changed = await ensureIndex({ corpusDir, dataDir, embedder });
    expect(changed.reason).toBe("corpus changed b.md");
    expect(changed.embedded).toBe(1);
    expect(embedder.texts.at(-1)).toBe("Notes: Second paragraph about buses.");
    expect(changed.index.chunks.map((chunk) => chunk.text)).toContain("Second paragraph about buses.");

    await rm(join(corpusDir, "b.md"));
    const removed = await ensureIndex({ corpusDir, dataDir, embedder });
    expect(removed.embedded).toBe(0);
    expect(removed.index.chunks.every((chunk) => chunk.doc === "a.txt")).toBe(true);
    expect((await removed.index.hnsw.search(new Array(64).fill(0.125), 10)).map((hit) => hit.id).sort()).toEqual(removed.index.chunks.map((c) => c.id).sort());
  });

  it("skips a file that cannot be read, serves the others, and notices when it is fixed", async () => {
    const embedder = createFakeEmbedder();
    await writeFile(join(corpusDir, "broken.txt"), Buffer.from([0, 1, 2, 3, 0, 0, 255, 0]));
    await writeFile(join(corpusDir, "empty.md"), "");
    const built = await ensureIndex({ corpusDir, dataDir, embedder });
    expect(built.skipped.map((file) => [file.name, file.reason])).toEqual([["broken.txt", "binary"], ["empty.md", "empty"]]);
    expect(built.index.manifest.counts).toMatchObject({ documents: 1, skipped: 2 });
    expect(built.index.manifest.documents.find((doc) => doc.name === "broken.txt")).toMatchObject({ status: "skipped", passages: 0, error: { reason: "binary" } });
    // The skipped files are remembered: an unchanged corpus is not rebuilt, and still reports them.
    const again = await ensureIndex({ corpusDir, dataDir, embedder });
    expect(again.rebuilt).toBe(false);
    expect(again.skipped.map((file) => file.name)).toEqual(["broken.txt", "empty.md"]);
    await writeFile(join(corpusDir, "empty.md"), "# Ferries\nThe ferry leaves at noon.\n");
    const fixed = await ensureIndex({ corpusDir, dataDir, embedder });
    expect(fixed.reason).toBe("corpus changed empty.md");
    expect(fixed.index.chunks.some((chunk) => chunk.doc === "empty.md")).toBe(true);
  });

  it("skips a file over the size limit without reading it", async () => {
    await writeFile(join(corpusDir, "huge.txt"), "The ferry leaves at noon. ".repeat(100));
    const built = await ensureIndex({ corpusDir, dataDir, embedder: createFakeEmbedder(), maxDocumentBytes: 1_000 });
    expect(built.skipped).toEqual([expect.objectContaining({ name: "huge.txt", reason: "too-large", message: expect.stringMatching(/over the limit .*MAX_DOCUMENT_BYTES/) })]);
    expect(built.index.chunks.every((chunk) => chunk.doc === "a.txt")).toBe(true);
  });

  it("fails clearly when no file at all can be read", async () => {
    await writeFile(join(corpusDir, "a.txt"), Buffer.from([0, 0, 0, 1]));
    await expect(ensureIndex({ corpusDir, dataDir, embedder: createFakeEmbedder() })).rejects.toThrow(/no document in .* could be read \(a.txt: binary\)/);
  });
});

/** The fake embedder, keeping every text it was asked to embed. */
function countingEmbedder() {
  const inner = createFakeEmbedder();
  const texts: string[] = [];
  return { ...inner, texts, embed: (batch: string[]) => (texts.push(...batch), inner.embed(batch)) };
}

describe("copyLiveIndex", () => {
  it("copies the live index, and only it, into another data folder, where it loads without a rebuild", async () => {
    const embedder = createFakeEmbedder();
    await ensureIndex({ corpusDir, dataDir, embedder });
    await writeFile(join(dataDir, "chronicle.sqlite"), "an answer log");
    const copy = join(root, "copy");
    await mkdir(copy);
    expect(await copyLiveIndex(dataDir, copy)).toBe(true);
    expect((await readdir(copy)).sort()).toEqual(["CURRENT", await generation()].sort());
    const calls = embedder.calls;
    const loaded = await ensureIndex({ corpusDir, dataDir: copy, embedder });
    expect(loaded.rebuilt).toBe(false);
    expect(embedder.calls).toBe(calls);
    expect(await copyLiveIndex(join(root, "empty"), join(root, "nowhere"))).toBe(false);
  });
});
