import { describe, expect, it } from "vitest";
import { parseCliArgs, UsageError } from "./cli-args.js";

describe("parseCliArgs", () => {
  it("defaults to evals/qa.jsonl without JSON", () => {
    expect(parseCliArgs([])).toEqual({ file: "evals/qa.jsonl", json: false, retrieval: "hybrid" });
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
