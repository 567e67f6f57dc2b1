import { existsSync, renameSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { openPostgresStore } from "./postgres-store.js";
import { openSqliteStore } from "./sqlite-store.js";
import { DEFAULT_RETENTION, type StateStore } from "./types.js";

/** The SQLite file of one machine's state, under DATA_DIR. */
export const STATE_FILE = "chronicle.sqlite";
// Earlier releases kept only ratings, in this file; its ratings carry over.
const LEGACY_FEEDBACK_FILE = "feedback.sqlite";

/** PostgreSQL when DATABASE_URL is set (replicas share it), else SQLite under DATA_DIR. */
export function openStateStore(config: Pick<Config, "DATABASE_URL" | "DATA_DIR" | "ANSWER_LOG_RETENTION_DAYS">, logger: Logger): StateStore {
  const retention = { ...DEFAULT_RETENTION, answerMs: config.ANSWER_LOG_RETENTION_DAYS * 24 * 60 * 60 * 1000 };
  if (config.DATABASE_URL) return openPostgresStore({ url: config.DATABASE_URL, logger, retention });
  const path = join(config.DATA_DIR, STATE_FILE);
  adoptLegacyFeedback(config.DATA_DIR, path, logger);
  return openSqliteStore({ path, logger, retention });
}

/** Renames an earlier release's feedback.sqlite to the state file, once its write-ahead log is folded in. */
function adoptLegacyFeedback(dataDir: string, path: string, logger: Logger): void {
  const legacy = join(dataDir, LEGACY_FEEDBACK_FILE);
  if (existsSync(path) || !existsSync(legacy)) return;
  try {
    const database = new Database(legacy, { timeout: 1_000 });
    database.pragma("wal_checkpoint(TRUNCATE)");
    database.close();
    renameSync(legacy, path);
    logger.info({ from: legacy, to: path }, "ratings of the earlier feedback file carried over");
  } catch (error) {
    logger.warn({ err: (error as Error).message, path: legacy }, "the earlier feedback file could not be carried over; it is left as it was");
  }
}
