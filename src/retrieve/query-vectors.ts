import { LRUCache } from "lru-cache";
import { embedMany, type Embedder } from "../index/embedder.js";

/** The vector of a question, embedded once while it is among the most recently asked. */
export interface QueryVectors {
  vector(query: string, signal?: AbortSignal): Promise<number[]>;
}

/**
 * Embeds questions through a small least-recently-used cache: people repeat questions (the suggested
 * ones, the same question from several people), and embedding is most of a question's cost.
 */
export function createQueryVectors(embedder: Embedder, capacity = 512): QueryVectors {
  const cache = new LRUCache<string, number[]>({ max: capacity });
  return {
    async vector(query, signal) {
      const cached = cache.get(query);
      if (cached) return cached;
      const [vector] = await embedMany(embedder, [query], { signal });
      cache.set(query, vector!);
      return vector!;
    },
  };
}
