import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import type { Hit } from "./bm25-store.js";
import type { Embedder } from "./embedder.js";
import { EmbedderEmbeddings } from "./langchain-embeddings.js";

/** Dense nearest-neighbour search over chunk vectors: hnswlib-node through LangChain's HNSWLib. */
export class HnswStore {
  // Chunk id → the index's label for its vector, made on first use: only exact similarities need it.
  private labels: Map<string, number> | undefined;

  private constructor(private readonly store: HNSWLib) {}

  static async build(embedder: Embedder, ids: string[], vectors: number[][]): Promise<HnswStore> {
    const store = new HNSWLib(new EmbedderEmbeddings(embedder), { space: "cosine", numDimensions: embedder.dimensions });
    await store.addVectors(vectors, ids.map((id) => new Document({ pageContent: "", metadata: { id } })));
    return new HnswStore(store);
  }

  static async load(directory: string, embedder: Embedder): Promise<HnswStore> {
    return new HnswStore(await HNSWLib.load(directory, new EmbedderEmbeddings(embedder)));
  }

  save(directory: string): Promise<void> {
    return this.store.save(directory);
  }

  /** Nearest chunks to a query vector; score is cosine similarity (1 is identical). */
  async search(vector: number[], k: number): Promise<Hit[]> {
    const count = Math.min(k, this.store.index.getCurrentCount());
    if (count === 0) return [];
    const results = await this.store.similaritySearchVectorWithScore(vector, count);
    return results.map(([doc, distance]) => ({ id: String(doc.metadata.id), score: 1 - distance }));
  }

  /**
   * The exact cosine similarity of a query vector to each of these chunks: for a chunk the nearest-
   * neighbour search did not return (a passage BM25 found), whose similarity would otherwise be unknown.
   */
  similarities(vector: number[], ids: string[]): Map<string, number> {
    if (!this.labels) {
      this.labels = new Map();
      for (let label = 0; label < this.store.index.getCurrentCount(); label++) {
        const doc = this.store.docstore.search(String(label)) as Document | undefined;
        if (doc) this.labels.set(String(doc.metadata.id), label);
      }
    }
    const found = new Map<string, number>();
    const norm = Math.hypot(...vector) || 1;
    for (const id of ids) {
      const label = this.labels.get(id);
      if (label === undefined) continue;
      const point = this.store.index.getPoint(label);
      let dot = 0;
      let length = 0;
      for (let i = 0; i < point.length; i++) {
        dot += point[i]! * vector[i]!;
        length += point[i]! * point[i]!;
      }
      found.set(id, length ? dot / (norm * Math.sqrt(length)) : 0);
    }
    return found;
  }
}
