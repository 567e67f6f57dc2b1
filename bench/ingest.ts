import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createEmbedderPool, createLocalEmbedder, ensureIndex, type Embedder } from "../src/index/index.js";

export interface IngestRow {
  embedding: string;
  chunks: number;
  seconds: number;
  chunksPerSecond: number;
  /** Share of the build spent embedding (the rest: reading, parsing, indexing, writing). */
  embedShare: number;
  noopSeconds: number;
}

/** Builds the corpus's index from nothing, in-process and on a thread pool, then re-ingests it unchanged. */
export async function measureIngest(corpusDir = "corpus", workers = 2, withBaseline = true): Promise<IngestRow[]> {
  const rows: IngestRow[] = [];
  const setups: Array<[string, () => Embedder & { close?: () => Promise<void> }, number]> = [
    ...(withBaseline ? [["in-process, 1 thread", () => createLocalEmbedder(), 1] as [string, () => Embedder, number]] : []),
    [`pool, ${workers} threads`, () => createEmbedderPool(workers), workers],
  ];
  for (const [label, make, concurrency] of setups) {
    const dataDir = await mkdtemp(join(tmpdir(), "chronicle-bench-"));
    const embedder = make();
    try {
      // Load the model before the clock starts: start-up is measured on its own.
      await embedder.embed(["warm up"]);
      const built = await ensureIndex({ corpusDir: resolve(corpusDir), dataDir, embedder, concurrency });
      const noop = await ensureIndex({ corpusDir: resolve(corpusDir), dataDir, embedder, concurrency });
      const timings = built.timings!;
      const total = timings.parse + timings.embed + timings.index + timings.write;
      rows.push({
        embedding: label,
        chunks: built.index.chunks.length,
        seconds: built.seconds,
        chunksPerSecond: Math.round(built.index.chunks.length / built.seconds),
        embedShare: Math.round((timings.embed / total) * 1000) / 1000,
        noopSeconds: noop.seconds,
      });
    } finally {
      await embedder.close?.();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}
