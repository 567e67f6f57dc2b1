import type { Citation } from "../answer/index.js";

/**
 * What the server remembers between requests: the answers it gave, their ratings, which Slack events
 * were handled and each Slack thread's turns. One interface over SQLite (one machine, the default) and
 * PostgreSQL (several replicas sharing it), so no feature exists on one backend only.
 */
export interface StateStore {
  readonly backend: "sqlite" | "postgres";
  readonly answers: AnswerLog;
  readonly feedback: FeedbackLog;
  readonly events: EventClaims;
  readonly threads: ThreadLog;
  /** "ok", or "unavailable: <why>" as of the last use; never waits. */
  status(): string;
  /** Asks the database now ("ok" or "unavailable: <why>"), for /readyz; bounded by a short timeout. */
  check(): Promise<string>;
  /** Drops what has outlived its retention (answers, handled events, idle threads). */
  prune(): Promise<void>;
  close(): Promise<void>;
}

/** An answer as the log keeps it: enough to store a rating of it with what it said. */
export interface LoggedAnswer {
  id: string;
  question: string;
  answer: string;
  citations: Citation[];
  mode?: string;
  /** The refusal reason code, when the answer was a refusal. */
  refusal?: string;
  createdAt?: string;
}

/** Every answer given, by id, so a rating sent to any replica (or after a restart) finds what was said. */
export interface AnswerLog {
  record(answer: LoggedAnswer): Promise<void>;
  get(id: string): Promise<LoggedAnswer | undefined>;
}

/** A rating of one answer, with what the answer said so it can be reviewed later. */
export interface FeedbackInput {
  answerId: string;
  /** Who rated: one rating per answer and rater, the latest kept. */
  rater: string;
  rating: "up" | "down";
  comment?: string;
  question: string;
  answer: string;
  citations: Citation[];
}

/** A stored rating: the input plus its row id and when it was (last) given. */
export interface FeedbackRecord extends FeedbackInput {
  id: number;
  createdAt: string;
  /** True when this rating replaced the rater's earlier one of the same answer. */
  replaced?: boolean;
}

/** Ratings. A rating is acknowledged only once it is committed. */
export interface FeedbackLog {
  /** Stores a rating, replacing the rater's earlier one of the same answer. */
  add(input: FeedbackInput): Promise<FeedbackRecord>;
  /** Up to `limit` records with ids after `afterId`, oldest first: export pages through these. */
  page(afterId: number, limit: number): Promise<FeedbackRecord[]>;
}

/** Work that must be done once, whichever replica a delivery reaches (a Slack event and its retries). */
export interface EventClaims {
  /** True for the first claim of `key` within the retention; a unique insert decides between replicas. */
  claim(key: string): Promise<boolean>;
}

/** One exchange in a thread: what was asked and what Chronicle answered. */
export interface Turn {
  /** As the user wrote it: a condenser re-reads the whole chain, so earlier rewrites are not kept. */
  question: string;
  answer: string;
  citations: Citation[];
}

/** The earlier turns of each conversation (a Slack thread or DM). */
export interface ThreadLog {
  /** The most recent turns of the thread, oldest first; turns idle past the retention are gone. */
  turns(key: string): Promise<Turn[]>;
  add(key: string, turn: Turn): Promise<void>;
}

/** How long each kind of state is kept. */
export interface Retention {
  /** Answers older than this can no longer be rated. */
  answerMs: number;
  /** Longer than Slack's retry schedule (about five minutes). */
  eventMs: number;
  /** A thread idle this long starts afresh. */
  threadMs: number;
  /** Turns a thread gives back: the most recent ones. */
  turnsPerThread: number;
}

export const DEFAULT_RETENTION: Retention = {
  answerMs: 30 * 24 * 60 * 60 * 1000,
  eventMs: 60 * 60 * 1000,
  threadMs: 60 * 60 * 1000,
  turnsPerThread: 6,
};

/** How often a store drops what has outlived its retention. */
export const PRUNE_INTERVAL_MS = 10 * 60 * 1000;
