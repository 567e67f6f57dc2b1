export type { Answer, Answerer, AnswerInput, Citation } from "./types.js";
export { createExtractiveAnswerer, NOT_COVERED, type ExtractiveOptions } from "./extractive.js";
export { createTermWeights, type TermWeights } from "../text/term-weights.js";
export { reconcileCitations, createCitationList } from "./citations.js";
export { createLlmAnswerer, type LlmAnswererOptions } from "./llm-answerer.js";
export { createLlmCondenser, type LlmCondenserOptions } from "./llm-condenser.js";
export { loadPrompts, PromptError, type Prompts } from "./llm-prompts.js";
