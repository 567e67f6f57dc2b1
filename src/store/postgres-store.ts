import pg from "pg";
import type { Citation } from "../answer/index.js";
import { DependencyUnavailableError } from "../errors.js";
import type { Logger } from "../logger.js";
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION } from "./postgres-migrations.js";
import { answerFromRow, feedbackFromRow, type AnswerRow, type Decode, type FeedbackRow } from "./rows.js";
import { DEFAULT_RETENTION, PRUNE_INTERVAL_MS, type Retention, type StateStore } from "./types.js";

// JSONB comes back parsed; TIMESTAMPTZ as a Date.
const DECODE: Decode<Citation[], Date> = { citations: (value) => value, time: (value) => value.toISOString() };

/** Options of `openPostgresStore`. */
export interface PostgresStoreOptions {
  /** DATABASE_URL: postgres://user:password@host:port/database */
  url: string;
  logger: Logger;
  retention?: Partial<Retention>;
  /** Connections per replica. */
  poolSize?: number;
  /** How long a request waits for a connection or a query before it is told the database is unavailable. */
  timeoutMs?: number;
  /** After a failed start-up (migrations), how soon the next use tries again. */
  retryMs?: number;
  now?: () => number;
}

// Any constant will do, as long as every replica uses the same one: it serialises their migrations.
const MIGRATION_LOCK = 7_215_113;

/**
 * The store shared by replicas: PostgreSQL through a connection pool. Opening never fails: while the
 * database is down each use fails with a 503 (`database_unavailable`) and the pool reconnects by itself
 * once it is back. A rating is acknowledged only after its INSERT has committed.
 */
export function openPostgresStore(options: PostgresStoreOptions): StateStore {
  const { url, logger, poolSize = 10, timeoutMs = 3_000, retryMs = 2_000, now = Date.now } = options;
  const retention = { ...DEFAULT_RETENTION, ...options.retention };
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: "chronicle",
  });
  // An idle connection that the server drops (a restart) is reported here; without a listener it would crash the process.
  pool.on("error", (error) => logger.warn({ err: error.message }, "database connection lost; it is replaced on next use"));

  let problem: string | undefined = "not yet connected";
  let migrated: Promise<void> | undefined;
  let failedAt = -Infinity;
  let closed = false;

  const fail = (error: unknown): never => {
    const message = error instanceof Error ? error.message || error.constructor.name : String(error);
    problem = message;
    throw new DependencyUnavailableError("database_unavailable", `the database is unavailable: ${message}`, { cause: error });
  };

  const ready = (): Promise<void> => {
    if (closed) return Promise.reject(new DependencyUnavailableError("database_unavailable", "the database store is closed"));
    if (!migrated && now() - failedAt < retryMs) return Promise.reject(new DependencyUnavailableError("database_unavailable", `the database is unavailable: ${problem}`));
    migrated ??= migrate(pool, logger).then(() => {
      problem = undefined;
    }, (error: unknown) => {
      migrated = undefined;
      failedAt = now();
      logger.error({ err: error instanceof Error ? error.message : String(error) }, "database migrations failed; retrying on next use");
      return fail(error);
    });
    return migrated;
  };

  // Queries under way: closing waits for them, so an answer logged just before a shutdown is kept.
  const inFlight = new Set<Promise<unknown>>();
  const query = <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> => {
    const running = runQuery<R>(text, values);
    inFlight.add(running);
    void running.catch(() => undefined).finally(() => inFlight.delete(running));
    return running;
  };
  const runQuery = async <R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> => {
    await ready();
    try {
      const result = await pool.query<R>(text, values);
      problem = undefined;
      return result;
    } catch (error) {
      logger.warn({ err: (error as Error).message, code: (error as { code?: string }).code }, "database query failed");
      return fail(error);
    }
  };

  const at = (ms: number) => new Date(ms);
  // Started at once so a replica is migrated before its first request; a failure here is retried on use.
  void ready().catch(() => undefined);
  const pruning = setInterval(() => void store.prune().catch(() => undefined), PRUNE_INTERVAL_MS);
  pruning.unref();

  const store: StateStore = {
    backend: "postgres",
    answers: {
      async record(answer) {
        await query(
          `INSERT INTO answers (id, question, answer, citations, mode, refusal, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (id) DO NOTHING`,
          [answer.id, answer.question, answer.answer, JSON.stringify(answer.citations), answer.mode ?? null, answer.refusal ?? null, at(now())],
        );
      },
      async get(id) {
        const { rows } = await query<AnswerRow<Citation[], Date>>("SELECT * FROM answers WHERE id = $1 AND created_at > $2", [id, at(now() - retention.answerMs)]);
        return rows[0] && answerFromRow(rows[0], DECODE);
      },
    },
    feedback: {
      async add(input) {
        const createdAt = at(now());
        // xmax is 0 for a row this statement inserted and the updating transaction's id for one it replaced.
        const { rows } = await query<{ id: string; replaced: boolean }>(
          `INSERT INTO feedback (answer_id, rater, rating, comment, question, answer, citations, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (answer_id, rater) DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, created_at = EXCLUDED.created_at
           RETURNING id, (xmax <> 0) AS replaced`,
          [input.answerId, input.rater, input.rating, input.comment ?? null, input.question, input.answer, JSON.stringify(input.citations), createdAt],
        );
        return { id: Number(rows[0]!.id), ...input, createdAt: createdAt.toISOString(), ...(rows[0]!.replaced ? { replaced: true } : {}) };
      },
      async page(afterId, limit) {
        const { rows } = await query<FeedbackRow<Citation[], Date>>("SELECT * FROM feedback WHERE id > $1 ORDER BY id LIMIT $2", [afterId, limit]);
        return rows.map((row) => feedbackFromRow(row, DECODE));
      },
    },
    events: {
      // The unique key decides between replicas: only the one whose INSERT (or expired-claim UPDATE) wins gets a row back.
      async claim(key) {
        const { rowCount } = await query(
          `INSERT INTO handled_events (key, created_at) VALUES ($1, $2)
           ON CONFLICT (key) DO UPDATE SET created_at = EXCLUDED.created_at WHERE handled_events.created_at <= $3`,
          [key, at(now()), at(now() - retention.eventMs)],
        );
        return rowCount === 1;
      },
    },
    threads: {
      async turns(key) {
        const { rows } = await query<{ question: string; answer: string; citations: Citation[] }>(
          "SELECT question, answer, citations FROM thread_turns WHERE thread_key = $1 AND created_at > $2 ORDER BY id DESC LIMIT $3",
          [key, at(now() - retention.threadMs), retention.turnsPerThread],
        );
        return rows.reverse().map(({ question, answer, citations }) => ({ question, answer, citations }));
      },
      async add(key, turn) {
        await query("INSERT INTO thread_turns (thread_key, question, answer, citations, created_at) VALUES ($1, $2, $3, $4, $5)",
          [key, turn.question, turn.answer, JSON.stringify(turn.citations), at(now())]);
      },
    },
    status: () => (problem ? `unavailable: ${problem}` : "ok"),
    async check() {
      try {
        await query("SELECT 1");
        return "ok";
      } catch {
        return store.status();
      }
    },
    async prune() {
      const t = now();
      await query("DELETE FROM answers WHERE created_at <= $1", [at(t - retention.answerMs)]);
      await query("DELETE FROM handled_events WHERE created_at <= $1", [at(t - retention.eventMs)]);
      await query("DELETE FROM thread_turns WHERE created_at <= $1", [at(t - retention.threadMs)]);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(pruning);
      problem = "closed";
      await migrated?.catch(() => undefined);
      await Promise.allSettled([...inFlight]);
      await pool.end();
    },
  };
  return store;
}

/**
 * Applies the migrations this database lacks, in one transaction under an advisory lock: replicas that
 * start together wait for each other, and each finds the work done by the first. A database migrated by
 * a newer release is left alone rather than misread.
 */
async function migrate(pool: pg.Pool, logger: Logger): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS chronicle_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>("SELECT version FROM chronicle_migrations");
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    if (newest > POSTGRES_SCHEMA_VERSION) throw new Error(`schema version ${newest} is newer than this server's ${POSTGRES_SCHEMA_VERSION}`);
    for (const migration of POSTGRES_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query("INSERT INTO chronicle_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
      logger.info({ version: migration.version, name: migration.name }, "database migrated");
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
