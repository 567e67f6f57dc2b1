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
}

/** Embeds any number of texts in the embedder's batch size, retrying a failed batch with backoff. */
export async function embedMany(embedder: Embedder, texts: string[], options: EmbedManyOptions = {}): Promise<number[][]> {
  const { signal, onProgress, retries = 2 } = options;
  const vectors: number[][] = [];
  for (let i = 0; i < texts.length; i += embedder.maxBatch) {
    const batch = texts.slice(i, i + embedder.maxBatch);
    vectors.push(...(await withRetries(() => embedder.embed(batch, { signal }), retries, signal)));
    onProgress?.(vectors.length, texts.length);
  }
  return vectors;
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
