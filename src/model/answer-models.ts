import { readFileSync } from "node:fs";
import { z } from "zod";
import { ANSWER_FEATURES, RELEVANCE_FEATURES, SENTENCE_FEATURES } from "../answer/features.js";
import { RERANK_FEATURES } from "../retrieve/rerank.js";
import type { LogisticModel } from "./logistic.js";

/** The fitted models retrieval and answering run on, and the thresholds validation chose for them. */
export interface AnswerModels {
  /** Which retrieved passage holds the answer: reorders the fused candidates. */
  reranker: LogisticModel;
  /** Which sentence of the retrieved passages answers the question. */
  ranker: LogisticModel;
  /** Whether the composed answer is right. */
  confidence: LogisticModel;
  /** Whether any retrieved passage is about the question at all. */
  relevance: LogisticModel;
  thresholds: { answer: number; related: number };
}

const Logistic = z.object({
  features: z.array(z.string()),
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
});

const File = z.object({
  reranker: Logistic,
  ranker: Logistic,
  confidence: Logistic,
  relevance: Logistic,
  thresholds: z.object({ answer: z.number().min(0).max(1), related: z.number().min(0).max(1) }),
}).passthrough();

/** Where `npm run train` writes the fitted models; committed with the code. */
export const MODELS_URL = new URL("./answer-models.json", import.meta.url);

/**
 * Reads the fitted models and checks they were fitted over the features this code computes: a
 * model over other features would weigh the wrong numbers, so that is an error, not a warning.
 */
export function loadAnswerModels(url: URL = MODELS_URL): AnswerModels {
  const parsed = File.parse(JSON.parse(readFileSync(url, "utf8")));
  const expect = (name: string, model: LogisticModel, features: readonly string[]) => {
    if (model.features.join() !== features.join() || model.weights.length !== features.length) {
      throw new Error(`answer model "${name}" was fitted over other features than this code computes: run npm run train`);
    }
  };
  expect("reranker", parsed.reranker, RERANK_FEATURES);
  expect("ranker", parsed.ranker, SENTENCE_FEATURES);
  expect("confidence", parsed.confidence, ANSWER_FEATURES);
  expect("relevance", parsed.relevance, RELEVANCE_FEATURES);
  return parsed;
}
