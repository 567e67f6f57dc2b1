/**
 * End-to-end quality gate: runs every corpus's question sets (evals/suites.ts) against the real assistant
 * and checks each against its floor. The floors sit a little below the measured figures (README,
 * Evaluation): they catch a regression, they do not claim the targets are met. A failing floor lists the
 * question ids behind it.
 */
import { describe, expect, it } from "vitest";
import { openChronicle } from "../src/chronicle.js";
import { testConfig } from "../test-support/test-config.js";
import { loadConversations } from "./conversations.js";
import { loadDataset } from "./dataset.js";
import { findFailures, type Summary } from "./metrics.js";
import { runConversations } from "./run-conversations.js";
import { runEval } from "./run-eval.js";
import { findSuites } from "./suites.js";

interface Floor {
  recallAt5: number;
  accuracy: number;
  refusals: number;
  /** Most false refusals that show no supporting passage. */
  bareFalseRefusals: number;
  auroc: number;
}

// By "suite/file". Every set the eval knows must have a floor here.
const FLOORS: Record<string, Floor> = {
  "main/qa.jsonl": { recallAt5: 0.94, accuracy: 0.67, refusals: 0.76, bareFalseRefusals: 0.05, auroc: 0.86 },
  "main/qa-everyday.jsonl": { recallAt5: 0.85, accuracy: 0.45, refusals: 0.79, bareFalseRefusals: 0.14, auroc: 0.79 },
  "main/conversations.jsonl": { recallAt5: 0.89, accuracy: 0.46, refusals: 0.29, bareFalseRefusals: 0.12, auroc: 0.71 },
  "field-report/qa.jsonl": { recallAt5: 0.9, accuracy: 0.57, refusals: 0.73, bareFalseRefusals: 0.08, auroc: 0.81 },
  "field-report/conversations.jsonl": { recallAt5: 0.89, accuracy: 0.51, refusals: 0.45, bareFalseRefusals: 0.13, auroc: 0.72 },
  "product-docs/qa.jsonl": { recallAt5: 0.81, accuracy: 0.6, refusals: 0.64, bareFalseRefusals: 0.13, auroc: 0.78 },
  "product-docs/conversations.jsonl": { recallAt5: 0.87, accuracy: 0.41, refusals: 0.45, bareFalseRefusals: 0.09, auroc: 0.47 },
  "research-lab/qa.jsonl": { recallAt5: 0.78, accuracy: 0.48, refusals: 0.61, bareFalseRefusals: 0.12, auroc: 0.65 },
  "team-handbook/qa.jsonl": { recallAt5: 0.89, accuracy: 0.51, refusals: 0.86, bareFalseRefusals: 0.16, auroc: 0.81 },
  "team-handbook/conversations.jsonl": { recallAt5: 0.79, accuracy: 0.4, refusals: 0.45, bareFalseRefusals: 0.19, auroc: 0.64 },
  "town-council/qa.jsonl": { recallAt5: 0.87, accuracy: 0.48, refusals: 0.52, bareFalseRefusals: 0.16, auroc: 0.6 },
  "squad2-dev/qa-sample.jsonl": { recallAt5: 0.94, accuracy: 0.47, refusals: 0.5, bareFalseRefusals: 0.07, auroc: 0.65 },
};

const list = (ids: string[]) => (ids.length === 0 ? "none" : ids.slice(0, 30).join(", "));

function check(name: string, summary: Summary, failed: ReturnType<typeof findFailures>) {
  const floor = FLOORS[name];
  expect(floor, `no floor for ${name}: add one to FLOORS`).toBeDefined();
  expect(summary.retrieval.recallAt5, `${name}: recall@5; sources missing from top 5: ${list(failed.retrieval)}`).toBeGreaterThanOrEqual(floor!.recallAt5);
  expect(summary.answers.accuracy, `${name}: accuracy; wrong or withheld: ${list(failed.answers)}`).toBeGreaterThanOrEqual(floor!.accuracy);
  expect(summary.refusals.accuracy, `${name}: refusals; answered but should refuse: ${list(failed.refusals)}`).toBeGreaterThanOrEqual(floor!.refusals);
  expect(summary.refusals.bareFalseRefusalRate, `${name}: false refusals showing no supporting passage`).toBeLessThanOrEqual(floor!.bareFalseRefusals);
  expect(summary.confidence.auroc, `${name}: confidence AUROC`).toBeGreaterThanOrEqual(floor!.auroc);
  expect(summary.answers.medianChars, `${name}: median answer length`).toBeLessThanOrEqual(400);
}

describe("eval suites, every corpus", () => {
  for (const suite of findSuites()) {
    it(`${suite.name} meets its floors`, { timeout: 300_000 }, async () => {
      const chronicle = await openChronicle({ config: testConfig({ CORPUS_DIR: suite.corpusDir, DATA_DIR: suite.dataDir }) });
      try {
        for (const file of suite.files) {
          const { records, summary } = await runEval(chronicle, await loadDataset(file));
          check(`${suite.name}/${file.split("/").at(-1)}`, summary, findFailures(records));
        }
        if (suite.conversations) {
          const { records, summary, standalone } = await runConversations(chronicle, await loadConversations(suite.conversations));
          check(`${suite.name}/conversations.jsonl`, summary, findFailures(records));
          // A question that stands on its own is left as typed (one miss allowed per corpus, and named).
          expect(standalone.unchanged, `standalone questions rewritten: ${list(standalone.changed)}`).toBeGreaterThanOrEqual(standalone.n - 1);
        }
      } finally {
        await chronicle.close();
      }
    });
  }
});
