import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatasetError, loadDataset, type QaItem } from "./dataset.js";
import { normalize } from "./normalize.js";

const QA_PATH = fileURLToPath(new URL("./qa.jsonl", import.meta.url));
const CORPUS_PATH = fileURLToPath(new URL("../corpus/china-russia-relations-2024.txt", import.meta.url));

const valid = (id: string) =>
  JSON.stringify({ id, question: "Q?", answer: "A.", mustInclude: [["a"]], sources: ["some source text"], answerable: true });

describe("loadDataset", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "chronicle-dataset-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(name: string, lines: string[]): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, lines.join("\n") + "\n");
    return path;
  }

  async function errorOf(path: string): Promise<DatasetError> {
    const error = await loadDataset(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatasetError);
    return error as DatasetError;
  }

  it("loads a valid file, skipping blank lines", async () => {
    const path = await write("ok.jsonl", [valid("one"), "", valid("two")]);
    const items = await loadDataset(path);
    expect(items.map((i) => i.id)).toEqual(["one", "two"]);
  });

  it("names the file and line of invalid JSON", async () => {
    const path = await write("bad-json.jsonl", [valid("one"), "", "{not json", valid("two")]);
    const error = await errorOf(path);
    expect(error.message).toContain("bad-json.jsonl");
    expect(error.message).toMatch(/line 3\b/);
    expect(error.message).not.toContain("\n");
  });

  it("names the line and field of a missing field", async () => {
    const missing = JSON.stringify({ id: "x", question: "Q?", mustInclude: [], sources: [], answerable: false });
    const error = await errorOf(await write("missing.jsonl", [valid("one"), missing]));
    expect(error.message).toMatch(/line 2\b/);
    expect(error.message).toContain('"answer"');
  });

  it("names the line of an ill-typed field", async () => {
    const wrong = JSON.stringify({ id: "x", question: "Q?", answer: "", mustInclude: ["flat"], sources: [], answerable: "no" });
    const error = await errorOf(await write("wrong.jsonl", [wrong]));
    expect(error.message).toMatch(/line 1\b/);
    expect(error.message).toContain("mustInclude");
  });

  it("rejects duplicate ids", async () => {
    const error = await errorOf(await write("dupe.jsonl", [valid("same"), valid("same")]));
    expect(error.message).toMatch(/line 2\b.*duplicate id "same"/);
  });

  it("reports a missing file in one line", async () => {
    const error = await errorOf(join(dir, "absent.jsonl"));
    expect(error.message).toBe(`cannot read dataset ${join(dir, "absent.jsonl")}: no such file`);
  });
});

describe("evals/qa.jsonl", () => {
  let items: QaItem[] = [];
  let corpus = "";
  beforeAll(async () => {
    items = await loadDataset(QA_PATH);
    corpus = normalize(await readFile(CORPUS_PATH, "utf8"));
  });

  it("has enough questions, answerable and not", () => {
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(items.filter((i) => !i.answerable).length).toBeGreaterThanOrEqual(10);
  });

  it("has unique ids", () => {
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it("quotes every source verbatim from the corpus", () => {
    const missing = items.flatMap((i) => i.sources.filter((s) => !corpus.includes(normalize(s))).map((s) => `${i.id}: ${s}`));
    expect(missing, `sources not found in the corpus:\n${missing.join("\n")}`).toEqual([]);
  });

  it("keeps sources short enough to sit inside one chunk", () => {
    const bad = items.flatMap((i) => i.sources.filter((s) => s.length < 20 || s.length > 80).map((s) => `${i.id}: ${s}`));
    expect(bad).toEqual([]);
  });

  it("gives answerable items sources and checks, and unanswerable ones neither", () => {
    const bad = items
      .filter((i) => (i.answerable ? i.sources.length === 0 || i.mustInclude.length === 0 : i.sources.length + i.mustInclude.length > 0))
      .map((i) => i.id);
    expect(bad).toEqual([]);
  });

  it("has reference answers that pass their own mustInclude checks", () => {
    const bad = items
      .filter((i) => !i.mustInclude.every((group) => group.some((alt) => normalize(i.answer).includes(normalize(alt)))))
      .map((i) => i.id);
    expect(bad).toEqual([]);
  });
});
