export { openStateStore, STATE_FILE } from "./open-store.js";
export { openSqliteStore, type SqliteStoreOptions } from "./sqlite-store.js";
export { openPostgresStore, type PostgresStoreOptions } from "./postgres-store.js";
export type { AnswerLog, EventClaims, FeedbackInput, FeedbackLog, FeedbackRecord, LoggedAnswer, Retention, StateStore, ThreadLog, Turn } from "./types.js";
export { DEFAULT_RETENTION } from "./types.js";
export { answerRememberer, type RememberAnswer } from "./remember-answer.js";
