import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeEmbedder } from "../../test-support/fake-embedder.js";
import { ensureIndex } from "./ingest.js";

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
    expect(first.index.manifest.counts).toEqual({ documents: 1, chunks: 2, chronology: 1 });
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
    await expect(ensureIndex({ corpusDir, dataDir, embedder: createFakeEmbedder() })).rejects.toThrow(/CORPUS_DIR: no .txt or .md files/);
  });
});
