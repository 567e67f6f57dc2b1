import { cpus } from "node:os";
import { createEmbedderPool, createLocalEmbedder } from "../src/index/index.js";
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
  /**
   * What the server's embedding threads (one per core) do embed when nothing else runs: questions a second
   * with 64 always waiting, as the server batches them. Below `answersPerSecond` by what the threads lose
   * to each other on shared cores and memory, and to handing questions over.
   */
  poolPerSecond: number;
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
  const poolPerSecond = await measurePool(questions.slice(next), cores, 64, rounds * 40);
  return { alone: summarize(alone), perQuestionInBatch, batch, cores, answersPerSecond: Math.round((cores * 1000) / perQuestionInBatch.p50), poolPerSecond };
}

/** Questions a second through an embedder pool of `workers` threads, `inFlight` questions always waiting, one per call. */
async function measurePool(questions: string[], workers: number, inFlight: number, total: number): Promise<number> {
  const pool = createEmbedderPool(workers);
  try {
    // Every thread loads its model and runs it once before timing.
    await pool.warm();
    const timed = questions.slice(0, total);
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: inFlight }, async () => {
      while (next < timed.length) await pool.embed([timed[next++]!]);
    }));
    return Math.round(timed.length / ((performance.now() - started) / 1000));
  } finally {
    await pool.close();
  }
}
