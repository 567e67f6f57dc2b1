/**
 * End-to-end quality gate: runs every corpus's question sets (evals/suites.ts) against the real assistant
 * and checks each against its floor. The floors sit a little below the measured figures (README,
 * Evaluation): they catch a regression, they do not claim the targets are met. A failing floor lists the
 * question ids behind it.
 */
import { describe, expect, it } from "vitest";
import { openChronicle } from "../src/chronicle.js";
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
  "main/qa.jsonl": { recallAt5: 0.95, accuracy: 0.65, refusals: 0.75, bareFalseRefusals: 0.05, auroc: 0.82 },
  "main/qa-everyday.jsonl": { recallAt5: 0.82, accuracy: 0.42, refusals: 0.8, bareFalseRefusals: 0.17, auroc: 0.75 },
  "main/conversations.jsonl": { recallAt5: 0.85, accuracy: 0.4, refusals: 0.5, bareFalseRefusals: 0.15, auroc: 0.65 },
  "field-report/qa.jsonl": { recallAt5: 0.85, accuracy: 0.5, refusals: 0.7, bareFalseRefusals: 0.12, auroc: 0.75 },
  "field-report/conversations.jsonl": { recallAt5: 0.85, accuracy: 0.5, refusals: 0.5, bareFalseRefusals: 0.15, auroc: 0.68 },
  "product-docs/qa.jsonl": { recallAt5: 0.78, accuracy: 0.55, refusals: 0.6, bareFalseRefusals: 0.18, auroc: 0.72 },
  "product-docs/conversations.jsonl": { recallAt5: 0.8, accuracy: 0.35, refusals: 0.4, bareFalseRefusals: 0.15, auroc: 0.4 },
  "team-handbook/qa.jsonl": { recallAt5: 0.85, accuracy: 0.5, refusals: 0.85, bareFalseRefusals: 0.12, auroc: 0.78 },
  "team-handbook/conversations.jsonl": { recallAt5: 0.8, accuracy: 0.35, refusals: 0.4, bareFalseRefusals: 0.22, auroc: 0.58 },
  "squad2-dev/qa-sample.jsonl": { recallAt5: 0.95, accuracy: 0.5, refusals: 0.5, bareFalseRefusals: 0.06, auroc: 0.63 },
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
      const chronicle = await openChronicle({ config: { CORPUS_DIR: suite.corpusDir, DATA_DIR: suite.dataDir } });
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
