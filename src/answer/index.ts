export type { Answer, Answerer, AnswerInput, Citation } from "./types.js";
export { createExtractiveAnswerer, NOT_COVERED, type ExtractiveOptions } from "./extractive.js";
export { createTermWeights, type TermWeights } from "./term-weights.js";
export { reconcileCitations, createCitationList } from "./citations.js";
