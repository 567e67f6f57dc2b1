import { cpus } from "node:os";
import { createLocalEmbedder } from "../src/index/index.js";
import { summarize, type Timing } from "./stats.js";

export interface EmbeddingLimit {
  /** One question embedded alone, ms. */
  alone: Timing;
  /** Per question, in a batch of `batch`, on one thread, ms. */
  perQuestionInBatch: Timing;
  batch: number;
  cores: number;
  /** What the machine's cores could embed, questions a second: cores / per-question batch time. */
  answersPerSecond: number;
}

/**
 * The ceiling for answers a second: every answer needs its question embedded, and nothing embeds
 * faster than a full batch on every core. Measured on one thread, questions never seen before.
 */
export async function measureEmbeddingLimit(questions: string[], batch = 16, rounds = 30): Promise<EmbeddingLimit> {
  const embedder = createLocalEmbedder();
  await embedder.embed(questions.slice(0, batch));
  const alone: number[] = [];
  const batched: number[] = [];
  let next = batch;
  const take = (n: number) => {
    const slice = questions.slice(next, next + n);
    next += n;
    return slice;
  };
  for (let round = 0; round < rounds; round++) {
    let started = performance.now();
    await embedder.embed(take(1));
    alone.push(performance.now() - started);
    const texts = take(batch);
    started = performance.now();
    await embedder.embed(texts);
    batched.push((performance.now() - started) / texts.length);
  }
  const perQuestionInBatch = summarize(batched);
  const cores = cpus().length;
  return { alone: summarize(alone), perQuestionInBatch, batch, cores, answersPerSecond: Math.round((cores * 1000) / perQuestionInBatch.p50) };
}
