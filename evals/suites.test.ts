import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findSuites } from "./suites.js";

describe("findSuites", () => {
  let root: string | undefined;
  afterEach(() => root && rmSync(root, { recursive: true, force: true }));

  it("finds each corpus folder with a question set, and keeps one with a HELD-OUT file out of fitting", () => {
    root = mkdtempSync(join(tmpdir(), "suites-"));
    for (const name of ["fitted-docs", "held-docs", "no-questions"]) mkdirSync(join(root, "evals", "corpora", name, "corpus"), { recursive: true });
    writeFileSync(join(root, "evals", "corpora", "fitted-docs", "qa.jsonl"), "");
    writeFileSync(join(root, "evals", "corpora", "held-docs", "qa.jsonl"), "");
    writeFileSync(join(root, "evals", "corpora", "held-docs", "HELD-OUT"), "kept out of fitting\n");
    const suites = findSuites(root);
    expect(suites.map((s) => [s.name, s.fitted])).toEqual([["main", true], ["fitted-docs", true], ["held-docs", false]]);
  });
});
