export type { ChatMessage, ChatCitation, Condenser } from "./types.js";
export { createOfflineCondenser, type OfflineCondenserOptions } from "./offline-condenser.js";
export { condense, type CondenseOptions } from "./condense.js";
export { standaloneQuestion, type StandaloneQuestionOptions } from "./standalone-question.js";
export { findEntities } from "./entities.js";
export { findRelativeDate, resolveRelativeDate, type RelativeDate, type ResolvedDate } from "./relative-dates.js";
export { findOrdinalReference, type OrdinalReference } from "./ordinals.js";
export { answerItems, type AnswerItem } from "./answer-items.js";
