import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import type { Hit } from "./bm25-store.js";
import type { Embedder } from "./embedder.js";
import { EmbedderEmbeddings } from "./langchain-embeddings.js";

/** Dense nearest-neighbour search over chunk vectors: hnswlib-node through LangChain's HNSWLib. */
export class HnswStore {
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
}
