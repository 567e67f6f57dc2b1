import type Database from "better-sqlite3";

/** One step of the SQLite schema; each runs once, in order, inside the opening transaction. */
export interface SqliteMigration {
  version: number;
  name: string;
  up(database: Database.Database): void;
}

/**
 * The SQLite schema's history. Versions 1 and 2 are the feedback file of earlier releases (one store of
 * ratings), so a DATA_DIR from before keeps its ratings. Each step is written to be safe on a file that
 * already has part of it.
 */
export const SQLITE_MIGRATIONS: SqliteMigration[] = [
  {
    version: 1,
    name: "feedback",
    up: (database) => database.exec(`
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
      CREATE INDEX IF NOT EXISTS feedback_answer ON feedback (answer_id);`),
  },
  {
    // One rating per answer and rater. Version 1 kept every rating; of those, the latest per answer
    // stays (they have no rater), so the unique index can be built.
    version: 2,
    name: "one rating per answer and rater",
    up(database) {
      const columns = database.prepare("PRAGMA table_info(feedback)").all() as Array<{ name: string }>;
      if (!columns.some((column) => column.name === "rater")) {
        database.exec(`
          ALTER TABLE feedback ADD COLUMN rater TEXT NOT NULL DEFAULT '';
          DELETE FROM feedback WHERE id NOT IN (SELECT MAX(id) FROM feedback GROUP BY answer_id, rater);`);
      }
      database.exec("CREATE UNIQUE INDEX IF NOT EXISTS feedback_answer_rater ON feedback (answer_id, rater);");
    },
  },
  {
    version: 3,
    name: "answer log, handled events, thread turns",
    up: (database) => database.exec(`
      CREATE TABLE IF NOT EXISTS answers (
        id TEXT PRIMARY KEY,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        citations TEXT NOT NULL,
        mode TEXT,
        refusal TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS answers_created ON answers (created_at);
      CREATE TABLE IF NOT EXISTS handled_events (
        key TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS handled_events_created ON handled_events (created_at);
      CREATE TABLE IF NOT EXISTS thread_turns (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        thread_key TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        citations TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS thread_turns_key ON thread_turns (thread_key, id);
      CREATE INDEX IF NOT EXISTS thread_turns_created ON thread_turns (created_at);`),
  },
];

export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS.at(-1)!.version;
