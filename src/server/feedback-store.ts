import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Citation } from "../answer/index.js";
import type { Logger } from "../logger.js";
import { unavailable } from "./http-error.js";

/** A rating of one answer, with what the answer said so it can be reviewed later. */
export interface FeedbackInput {
  answerId: string;
  rating: "up" | "down";
  comment?: string;
  question: string;
  answer: string;
  citations: Citation[];
}

/** A stored rating: the input plus its row id and when it was received. */
export interface FeedbackRecord extends FeedbackInput {
  id: number;
  createdAt: string;
}

/** Ratings kept in SQLite. When the database cannot be used, it says why and refuses writes; answering goes on. */
export interface FeedbackStore {
  /** "ok", or "unavailable: <why>" while the database cannot be opened or its last use failed. */
  status(): string;
  /** Stores a rating; a 503 HttpError when the database is unavailable. */
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
const SCHEMA_VERSION = 1;

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

interface Row {
  id: number;
  answer_id: string;
  rating: "up" | "down";
  comment: string | null;
  question: string;
  answer: string;
  citations: string;
  created_at: string;
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
        opened.exec(SCHEMA);
        opened.pragma(`user_version = ${SCHEMA_VERSION}`);
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
      return guard((database) => {
        const info = database
          .prepare("INSERT INTO feedback (answer_id, rating, comment, question, answer, citations, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .run(input.answerId, input.rating, input.comment ?? null, input.question, input.answer, JSON.stringify(input.citations), createdAt);
        return { id: Number(info.lastInsertRowid), ...input, createdAt };
      });
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
    rating: row.rating,
    ...(row.comment !== null ? { comment: row.comment } : {}),
    question: row.question,
    answer: row.answer,
    citations: JSON.parse(row.citations) as Citation[],
    createdAt: row.created_at,
  };
}
