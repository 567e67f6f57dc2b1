import { describe, expect, it } from "vitest";
import { parseCliArgs, UsageError } from "./cli-args.js";

describe("parseCliArgs", () => {
  it("defaults to evals/qa.jsonl without JSON", () => {
    expect(parseCliArgs([])).toEqual({ file: "evals/qa.jsonl", json: false });
  });

  it("reads --file PATH, --file=PATH and --json", () => {
    expect(parseCliArgs(["--file", "x.jsonl", "--json"])).toEqual({ file: "x.jsonl", json: true });
    expect(parseCliArgs(["--json", "--file=y.jsonl"])).toEqual({ file: "y.jsonl", json: true });
  });

  it("rejects unknown flags and a --file without a path", () => {
    expect(() => parseCliArgs(["--verbose"])).toThrow(UsageError);
    expect(() => parseCliArgs(["--verbose"])).toThrow(/unknown option "--verbose"/);
    expect(() => parseCliArgs(["--file"])).toThrow(/--file needs a path/);
    expect(() => parseCliArgs(["stray"])).toThrow(/unknown argument "stray"/);
  });
});
