import OpenAI from "openai";
import type { Embedder } from "../index/embedder.js";

export interface OpenAIEmbedderOptions {
  apiKey?: string;
  /** Any OpenAI-compatible server, e.g. a local Ollama or vLLM. */
  baseURL?: string;
  model: string;
  /** Injected by tests to keep them on loopback. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Embeddings from an OpenAI-compatible `/embeddings` endpoint; the vector size is learned by one probe call. */
export async function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Promise<Embedder> {
  const client = new OpenAI({
    apiKey: options.apiKey || "not-needed",
    baseURL: options.baseURL,
    fetch: options.fetch,
    timeout: options.timeoutMs ?? 30_000,
    maxRetries: 1,
  });
  const embed = async (texts: string[], signal?: AbortSignal) => {
    // Ask for floats: some OpenAI-compatible servers ignore base64 and the client would misread their floats.
    const response = await client.embeddings.create({ model: options.model, input: texts, encoding_format: "float" }, { signal });
    return [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
  };
  const [probe] = await embed(["dimension probe"]);
  return {
    id: `openai:${options.model}`,
    dimensions: probe.length,
    maxBatch: 64,
    embed: (texts, opts) => embed(texts, opts?.signal),
  };
}
