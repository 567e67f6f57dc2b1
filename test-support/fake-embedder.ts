import { createHash } from "node:crypto";
import type { Embedder } from "../src/index/embedder.js";

/** A deterministic embedder for tests: hashed bag of words, so similar texts get similar vectors. */
export function createFakeEmbedder(id = "fake:hash-64", dimensions = 64): Embedder & { calls: number } {
  const embedder = {
    id,
    dimensions,
    maxBatch: 8,
    calls: 0,
    async embed(texts: string[]) {
      embedder.calls += 1;
      return texts.map((text) => {
        const vector = new Array<number>(dimensions).fill(0);
        for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
          vector[createHash("md5").update(word).digest()[0] % dimensions] += 1;
        }
        const norm = Math.hypot(...vector) || 1;
        return vector.map((value) => value / norm);
      });
    },
  };
  return embedder;
}
