import { describe, expect, it } from "vitest";
import { parseCliArgs, UsageError } from "./cli-args.js";

describe("parseCliArgs", () => {
  it("runs every suite without JSON by default", () => {
    expect(parseCliArgs([])).toEqual({ json: false, retrieval: "hybrid" });
  });

  it("reads --corpus DIR with the file to ask of it", () => {
    expect(parseCliArgs(["--corpus", "docs", "--file=q.jsonl"])).toEqual({ corpus: "docs", file: "q.jsonl", json: false, retrieval: "hybrid" });
    expect(() => parseCliArgs(["--corpus", "docs"])).toThrow(/--corpus needs --file/);
    expect(() => parseCliArgs(["--corpus"])).toThrow(/--corpus needs a folder/);
  });

  it("reads --file PATH, --file=PATH and --json", () => {
    expect(parseCliArgs(["--file", "x.jsonl", "--json"])).toEqual({ file: "x.jsonl", json: true, retrieval: "hybrid" });
    expect(parseCliArgs(["--json", "--file=y.jsonl"])).toEqual({ file: "y.jsonl", json: true, retrieval: "hybrid" });
  });

  it("reads --retrieval and rejects unknown kinds", () => {
    expect(parseCliArgs(["--retrieval", "bm25"]).retrieval).toBe("bm25");
    expect(() => parseCliArgs(["--retrieval", "magic"])).toThrow(/--retrieval takes hybrid, bm25 or dense/);
  });

  it("rejects unknown flags and a --file without a path", () => {
    expect(() => parseCliArgs(["--verbose"])).toThrow(UsageError);
    expect(() => parseCliArgs(["--verbose"])).toThrow(/unknown option "--verbose"/);
    expect(() => parseCliArgs(["--file"])).toThrow(/--file needs a path/);
    expect(() => parseCliArgs(["stray"])).toThrow(/unknown argument "stray"/);
  });
});
