export { createRetriever, type Retriever, type Retrieved, type RetrieveOptions } from "./retriever.js";
export { analyzeQuestion, type QuestionAnalysis, type Intent, type AnswerType } from "./question.js";
export { createCorpusContext, type CorpusContext } from "./corpus-context.js";
export { fuse, DEFAULT_WEIGHTS, type Candidate, type FusionWeights } from "./fuse.js";
export { passesFilters, type Filters } from "./filters.js";
