/** One step of the PostgreSQL schema, applied once and recorded in chronicle_migrations. */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The PostgreSQL schema's history: the same tables as SQLite's version 3, in PostgreSQL's types. Every
 * statement is idempotent, and the runner holds an advisory lock, so replicas starting at once are safe.
 */
export const POSTGRES_MIGRATIONS: PostgresMigration[] = [
  {
    version: 1,
    name: "answer log, feedback, handled events, thread turns",
    sql: `
      CREATE TABLE IF NOT EXISTS answers (
        id TEXT PRIMARY KEY,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        citations JSONB NOT NULL,
        mode TEXT,
        refusal TEXT,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX IF NOT EXISTS answers_created ON answers (created_at);
      CREATE TABLE IF NOT EXISTS feedback (
        id BIGSERIAL PRIMARY KEY,
        answer_id TEXT NOT NULL,
        rater TEXT NOT NULL,
        rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
        comment TEXT,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        citations JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        UNIQUE (answer_id, rater)
      );
      CREATE TABLE IF NOT EXISTS handled_events (
        key TEXT PRIMARY KEY,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX IF NOT EXISTS handled_events_created ON handled_events (created_at);
      CREATE TABLE IF NOT EXISTS thread_turns (
        id BIGSERIAL PRIMARY KEY,
        thread_key TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        citations JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX IF NOT EXISTS thread_turns_key ON thread_turns (thread_key, id);
      CREATE INDEX IF NOT EXISTS thread_turns_created ON thread_turns (created_at);`,
  },
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.at(-1)!.version;
