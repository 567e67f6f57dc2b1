export type { Answer, Answerer, AnswerInput, Citation } from "./types.js";
export { createExtractiveAnswerer, NOT_COVERED, type ExtractiveOptions } from "./extractive.js";
export { createTermWeights, type TermWeights } from "../text/term-weights.js";
export { reconcileCitations, createCitationList } from "./citations.js";
export { listLines, sourcesBlock, splitSources, unwrapChronologyNotes, withBullet, type SourceLine } from "./answer-text.js";
