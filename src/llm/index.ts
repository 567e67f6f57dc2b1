export { createLlmAnswerer, type LlmAnswererOptions } from "./answerer.js";
export { createLlmCondenser, type LlmCondenserOptions } from "./condenser.js";
export { createOpenAIEmbedder, type OpenAIEmbedderOptions } from "./openai-embedder.js";
export { loadPrompts, PromptError, type Prompts } from "./prompts.js";
export type { LlmClientOptions } from "./client.js";
