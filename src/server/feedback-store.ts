import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Citation } from "../answer/index.js";
import type { Logger } from "../logger.js";
import { unavailable } from "./http-error.js";

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

/** Ratings kept in SQLite. When the database cannot be used, it says why and refuses writes; answering goes on. */
export interface FeedbackStore {
  /** "ok", or "unavailable: <why>" while the database cannot be opened or its last use failed. */
  status(): string;
  /** Stores a rating, replacing the rater's earlier one of the same answer; a 503 HttpError when the database is unavailable. */
  add(input: FeedbackInput): FeedbackRecord;
  /** Up to `limit` records with ids after `afterId`, oldest first: export pages through these. */
  page(afterId: number, limit: number): FeedbackRecord[];
  close(): void;
}

/** Options of `openFeedbackStore`. */
export interface FeedbackStoreOptions {
  /** The SQLite file, created with its folder when missing. */
  path: string;
  logger: Logger;
  /**
   * How long a write waits for another process's lock. better-sqlite3 is synchronous, so this blocks the
   * event loop: it stays short to never hold up answering.
   */
  busyTimeoutMs?: number;
  /** How often an unavailable database is tried again, so a lock that clears does not need a restart. */
  retryMs?: number;
  now?: () => number;
}

// Stamped in PRAGMA user_version: a database from a newer layout is left alone rather than misread.
const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  answer_id TEXT NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment TEXT,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  citations TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_answer ON feedback (answer_id);
`;

// Version 2: one rating per answer and rater. Version 1 kept every rating; of those, the latest per
// answer stays (they have no rater), so the unique index can be built.
const TO_VERSION_2 = `
ALTER TABLE feedback ADD COLUMN rater TEXT NOT NULL DEFAULT '';
DELETE FROM feedback WHERE id NOT IN (SELECT MAX(id) FROM feedback GROUP BY answer_id, rater);
`;
const RATER_INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS feedback_answer_rater ON feedback (answer_id, rater);";

interface Row {
  id: number;
  answer_id: string;
  rating: "up" | "down";
  comment: string | null;
  question: string;
  answer: string;
  citations: string;
  created_at: string;
  rater: string;
}

/** Opens (or creates) the feedback database; never throws, so a broken file cannot stop the server. */
export function openFeedbackStore(options: FeedbackStoreOptions): FeedbackStore {
  const { path, logger, busyTimeoutMs = 100, retryMs = 30_000, now = Date.now } = options;
  let db: Database.Database | undefined;
  let problem: string | undefined;
  let triedAt = 0;
  let closed = false;

  const open = () => {
    triedAt = now();
    try {
      mkdirSync(dirname(path), { recursive: true });
      const opened = new Database(path, { timeout: busyTimeoutMs });
      try {
        // The first statements read the header: a file that is not a database fails here, not on a later write.
        opened.pragma("journal_mode = WAL");
        const version = opened.pragma("user_version", { simple: true }) as number;
        if (version > SCHEMA_VERSION) throw new Error(`schema version ${version} is newer than this server's ${SCHEMA_VERSION}`);
        opened.transaction(() => {
          opened.exec(SCHEMA);
          const columns = opened.prepare("PRAGMA table_info(feedback)").all() as Array<{ name: string }>;
          if (!columns.some((column) => column.name === "rater")) opened.exec(TO_VERSION_2);
          opened.exec(RATER_INDEX);
          opened.pragma(`user_version = ${SCHEMA_VERSION}`);
        })();
      } catch (error) {
        opened.close();
        throw error;
      }
      db = opened;
      problem = undefined;
    } catch (error) {
      db = undefined;
      problem = error instanceof Error ? error.message : String(error);
      logger.error({ err: error, path }, "feedback database unavailable; answering continues without feedback");
    }
  };

  const connection = (): Database.Database => {
    if (!db && !closed && now() - triedAt >= retryMs) open();
    if (!db) throw unavailable("feedback_unavailable", `feedback storage is unavailable: ${problem}`);
    return db;
  };

  const guard = <T>(work: (database: Database.Database) => T): T => {
    const database = connection();
    try {
      const result = work(database);
      problem = undefined;
      return result;
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      logger.error({ err: error, path, code }, "feedback database failed");
      // Either way /readyz reports it. A busy lock may clear: the connection is kept and the next success
      // clears the report. Corruption will not fix itself: the connection goes.
      problem = (error as Error).message;
      if (/CORRUPT|NOTADB|IOERR|READONLY/.test(code)) {
        db = undefined;
        triedAt = now();
        database.close();
      }
      throw unavailable("feedback_unavailable", `feedback storage failed: ${(error as Error).message}`, error);
    }
  };

  open();
  return {
    status: () => (db && !problem ? "ok" : `unavailable: ${problem}`),
    add(input) {
      const createdAt = new Date(now()).toISOString();
      return guard((database) => database.transaction(() => {
        const earlier = database.prepare("SELECT id FROM feedback WHERE answer_id = ? AND rater = ?").get(input.answerId, input.rater) as { id: number } | undefined;
        database
          .prepare(`INSERT INTO feedback (answer_id, rater, rating, comment, question, answer, citations, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (answer_id, rater) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, created_at = excluded.created_at`)
          .run(input.answerId, input.rater, input.rating, input.comment ?? null, input.question, input.answer, JSON.stringify(input.citations), createdAt);
        const { id } = database.prepare("SELECT id FROM feedback WHERE answer_id = ? AND rater = ?").get(input.answerId, input.rater) as { id: number };
        return { id, ...input, createdAt, ...(earlier ? { replaced: true } : {}) };
      })());
    },
    page(afterId, limit) {
      return guard((database) =>
        (database.prepare("SELECT * FROM feedback WHERE id > ? ORDER BY id LIMIT ?").all(afterId, limit) as Row[]).map(fromRow));
    },
    close() {
      closed = true;
      db?.close();
      db = undefined;
      problem = "closed";
    },
  };
}

function fromRow(row: Row): FeedbackRecord {
  return {
    id: row.id,
    answerId: row.answer_id,
    rater: row.rater,
    rating: row.rating,
    ...(row.comment !== null ? { comment: row.comment } : {}),
    question: row.question,
    answer: row.answer,
    citations: JSON.parse(row.citations) as Citation[],
    createdAt: row.created_at,
  };
}
