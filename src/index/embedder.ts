/** Turns texts into vectors. One implementation per provider; batching and retries live in `embedMany`. */
export interface Embedder {
  /** Names the model; a stored index built by another embedder id is rebuilt. */
  readonly id: string;
  readonly dimensions: number;
  /** Most texts one `embed` call takes. */
  readonly maxBatch: number;
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<number[][]>;
}

export interface EmbedManyOptions {
  signal?: AbortSignal;
  /** Called after each batch with the number of texts embedded so far. */
  onProgress?: (done: number, total: number) => void;
  /** Further tries for a failed batch before giving up. */
  retries?: number;
  /** Batches in flight at once: more than one pays off only for an embedder with several threads. */
  concurrency?: number;
}

/** Embeds any number of texts in the embedder's batch size, retrying a failed batch with backoff. */
export async function embedMany(embedder: Embedder, texts: string[], options: EmbedManyOptions = {}): Promise<number[][]> {
  const { signal, onProgress, retries = 2, concurrency = 1 } = options;
  const batches: string[][] = [];
  for (let i = 0; i < texts.length; i += embedder.maxBatch) batches.push(texts.slice(i, i + embedder.maxBatch));
  const results: number[][][] = new Array(batches.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < batches.length) {
      const index = next++;
      results[index] = await withRetries(() => embedder.embed(batches[index], { signal }), retries, signal);
      done += batches[index].length;
      onProgress?.(done, texts.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, batches.length)) }, lane));
  return results.flat();
}

async function withRetries<T>(run: () => Promise<T>, retries: number, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= retries || signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
}
