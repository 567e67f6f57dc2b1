/**
 * End-to-end quality gate: runs evals/qa.jsonl against the real assistant and checks the thresholds.
 * A failing threshold lists the question ids behind it, so the regression is visible at a glance.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openChronicle } from "../src/chronicle.js";
import { loadDataset } from "./dataset.js";
import { findFailures } from "./metrics.js";
import { runEval } from "./run-eval.js";

const QA_PATH = fileURLToPath(new URL("./qa.jsonl", import.meta.url));

describe("eval suite on evals/qa.jsonl", () => {
  it("meets the quality thresholds", { timeout: 120_000 }, async () => {
    const items = await loadDataset(QA_PATH);
    const chronicle = await openChronicle();
    const { records, summary } = await runEval(chronicle, items).finally(() => chronicle.close());
    const failed = findFailures(records);
    const list = (ids: string[]) => (ids.length === 0 ? "none" : ids.join(", "));

    expect(summary.retrieval.recallAt5, `recall@5 too low; sources missing from top 5: ${list(failed.retrieval)}`).toBeGreaterThanOrEqual(0.95);
    expect(summary.answers.accuracy, `accuracy too low; wrong or refused answers: ${list(failed.answers)}`).toBeGreaterThanOrEqual(0.9);
    expect(summary.citations.hitRate, `citation hit rate too low; no supporting citation: ${list(failed.citations)}`).toBeGreaterThanOrEqual(0.9);
    expect(summary.refusals.accuracy, `refusal accuracy too low; answered but should refuse: ${list(failed.refusals)}`).toBeGreaterThanOrEqual(0.9);
    expect(summary.refusals.falseRefusalRate, `too many false refusals: ${list(failed.falseRefusals)}`).toBeLessThanOrEqual(0.05);
  });
});
