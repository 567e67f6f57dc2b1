import { Embeddings } from "@langchain/core/embeddings";
import { embedMany, type Embedder } from "./embedder.js";

/** Presents an Embedder as LangChain `Embeddings`, so LangChain vector stores can use it. */
export class EmbedderEmbeddings extends Embeddings {
  constructor(private readonly embedder: Embedder) {
    super({});
  }

  embedDocuments(texts: string[]): Promise<number[][]> {
    return embedMany(this.embedder, texts);
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.embedder.embed([text]);
    return vector;
  }
}
