import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Citation } from "../answer/index.js";
import { DependencyUnavailableError } from "../errors.js";
import type { Logger } from "../logger.js";
import { SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION } from "./sqlite-migrations.js";
import { answerFromRow, feedbackFromRow, type AnswerRow, type Decode, type FeedbackRow } from "./rows.js";
import { DEFAULT_RETENTION, PRUNE_INTERVAL_MS, type FeedbackRecord, type Retention, type StateStore, type Turn } from "./types.js";

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** The SQLite file, created with its folder when missing; ":memory:" for a store that lives with the process. */
  path: string;
  logger: Logger;
  /**
   * How long a write waits for another process's lock. better-sqlite3 is synchronous, so this blocks the
   * event loop: it stays short to never hold up answering.
   */
  busyTimeoutMs?: number;
  /** How often an unavailable database is tried again, so a lock that clears does not need a restart. */
  retryMs?: number;
  retention?: Partial<Retention>;
  now?: () => number;
}

type SqliteFeedbackRow = FeedbackRow<string, string>;
type SqliteAnswerRow = AnswerRow<string, string>;
// Citations are JSON text; times ISO text already.
const DECODE: Decode<string, string> = { citations: (value) => JSON.parse(value) as Citation[], time: (value) => value };

/**
 * The store on one machine: a SQLite file under DATA_DIR. Opening never throws, so a broken file cannot
 * stop the server: the store says why it is unavailable, each use fails with a 503, and answering goes on.
 */
export function openSqliteStore(options: SqliteStoreOptions): StateStore {
  const { path, logger, busyTimeoutMs = 100, retryMs = 30_000, now = Date.now } = options;
  const retention = { ...DEFAULT_RETENTION, ...options.retention };
  let db: Database.Database | undefined;
  let problem: string | undefined;
  let triedAt = 0;
  let closed = false;

  const open = () => {
    triedAt = now();
    try {
      if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
      const opened = new Database(path, { timeout: busyTimeoutMs });
      try {
        // The first statements read the header: a file that is not a database fails here, not on a later write.
        opened.pragma("journal_mode = WAL");
        // With WAL, NORMAL is durable against a crash of the process; only a power cut can lose the last commits.
        opened.pragma("synchronous = NORMAL");
        migrate(opened);
      } catch (error) {
        opened.close();
        throw error;
      }
      db = opened;
      problem = undefined;
    } catch (error) {
      db = undefined;
      problem = error instanceof Error ? error.message : String(error);
      logger.error({ err: error, path }, "state database unavailable; answering continues, ratings and Slack wait for it");
    }
  };

  const connection = (): Database.Database => {
    if (!db && !closed && now() - triedAt >= retryMs) open();
    if (!db) throw new DependencyUnavailableError("database_unavailable", `the state database is unavailable: ${problem}`);
    return db;
  };

  // Asynchronous only in its signature: better-sqlite3 answers at once, and a failure becomes a rejection.
  const guard = async <T>(work: (database: Database.Database) => T): Promise<T> => {
    const database = connection();
    try {
      const result = work(database);
      problem = undefined;
      return result;
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      logger.error({ err: error, path, code }, "state database failed");
      // Either way /readyz reports it. A busy lock may clear: the connection is kept and the next success
      // clears the report. Corruption will not fix itself: the connection goes.
      problem = (error as Error).message;
      if (/CORRUPT|NOTADB|IOERR|READONLY/.test(code)) {
        db = undefined;
        triedAt = now();
        database.close();
      }
      throw new DependencyUnavailableError("database_unavailable", `the state database failed: ${(error as Error).message}`, { cause: error });
    }
  };

  const iso = (ms: number) => new Date(ms).toISOString();

  open();
  const pruning = setInterval(() => void store.prune().catch(() => undefined), PRUNE_INTERVAL_MS);
  pruning.unref();

  const store: StateStore = {
    backend: "sqlite",
    answers: {
      record: (answer) => guard((database) => {
        statement(database, "INSERT OR REPLACE INTO answers (id, question, answer, citations, mode, refusal, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .run(answer.id, answer.question, answer.answer, JSON.stringify(answer.citations), answer.mode ?? null, answer.refusal ?? null, iso(now()));
      }),
      get: (id) => guard((database) => {
        const row = statement(database, "SELECT * FROM answers WHERE id = ? AND created_at > ?").get(id, iso(now() - retention.answerMs)) as SqliteAnswerRow | undefined;
        return row && answerFromRow(row, DECODE);
      }),
    },
    feedback: {
      add: (input) => guard((database) => database.transaction((): FeedbackRecord => {
        const createdAt = iso(now());
        const earlier = statement(database, "SELECT id FROM feedback WHERE answer_id = ? AND rater = ?").get(input.answerId, input.rater);
        statement(database, `INSERT INTO feedback (answer_id, rater, rating, comment, question, answer, citations, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (answer_id, rater) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, created_at = excluded.created_at`)
          .run(input.answerId, input.rater, input.rating, input.comment ?? null, input.question, input.answer, JSON.stringify(input.citations), createdAt);
        const { id } = statement(database, "SELECT id FROM feedback WHERE answer_id = ? AND rater = ?").get(input.answerId, input.rater) as { id: number };
        return { id, ...input, createdAt, ...(earlier ? { replaced: true } : {}) };
      })()),
      page: (afterId, limit) => guard((database) =>
        (statement(database, "SELECT * FROM feedback WHERE id > ? ORDER BY id LIMIT ?").all(afterId, limit) as SqliteFeedbackRow[]).map((row) => feedbackFromRow(row, DECODE))),
    },
    events: {
      // A key whose claim has expired can be claimed again, as the memory of it would have gone.
      claim: (key) => guard((database) => statement(database, `INSERT INTO handled_events (key, created_at) VALUES (?, ?)
          ON CONFLICT (key) DO UPDATE SET created_at = excluded.created_at WHERE handled_events.created_at <= ?`)
        .run(key, iso(now()), iso(now() - retention.eventMs)).changes === 1),
    },
    threads: {
      turns: (key) => guard((database) => {
        const rows = statement(database, "SELECT question, answer, citations FROM thread_turns WHERE thread_key = ? AND created_at > ? ORDER BY id DESC LIMIT ?")
          .all(key, iso(now() - retention.threadMs), retention.turnsPerThread) as Array<{ question: string; answer: string; citations: string }>;
        return rows.reverse().map((row): Turn => ({ question: row.question, answer: row.answer, citations: JSON.parse(row.citations) as Citation[] }));
      }),
      add: (key, turn) => guard((database) => {
        statement(database, "INSERT INTO thread_turns (thread_key, question, answer, citations, created_at) VALUES (?, ?, ?, ?, ?)")
          .run(key, turn.question, turn.answer, JSON.stringify(turn.citations), iso(now()));
      }),
    },
    status: () => (db && !problem ? "ok" : `unavailable: ${problem}`),
    check: async () => {
      try {
        await guard((database) => statement(database, "SELECT 1").get());
        return "ok";
      } catch {
        return store.status();
      }
    },
    prune: () => guard((database) => {
      const t = now();
      database.transaction(() => {
        statement(database, "DELETE FROM answers WHERE created_at <= ?").run(iso(t - retention.answerMs));
        statement(database, "DELETE FROM handled_events WHERE created_at <= ?").run(iso(t - retention.eventMs));
        statement(database, "DELETE FROM thread_turns WHERE created_at <= ?").run(iso(t - retention.threadMs));
      })();
    }),
    close: async () => {
      clearInterval(pruning);
      closed = true;
      db?.close();
      db = undefined;
      problem = "closed";
    },
  };
  return store;
}

// Compiling a statement costs more than running it: each is prepared once per connection.
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function statement(database: Database.Database, sql: string): Database.Statement {
  let byText = prepared.get(database);
  if (!byText) prepared.set(database, (byText = new Map()));
  let compiled = byText.get(sql);
  if (!compiled) byText.set(sql, (compiled = database.prepare(sql)));
  return compiled;
}

/**
 * Brings the file to this server's schema in one transaction. PRAGMA user_version holds the version: a
 * database from a newer layout is left alone rather than misread.
 */
function migrate(database: Database.Database): void {
  const version = database.pragma("user_version", { simple: true }) as number;
  if (version > SQLITE_SCHEMA_VERSION) throw new Error(`schema version ${version} is newer than this server's ${SQLITE_SCHEMA_VERSION}`);
  // IMMEDIATE takes the write lock first, so two processes opening one new file migrate it once.
  database.transaction(() => {
    for (const migration of SQLITE_MIGRATIONS) {
      if (migration.version > version) migration.up(database);
    }
    database.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  }).immediate();
}
