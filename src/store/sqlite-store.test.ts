import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../logger.js";
import { memoryLogger, tempDir } from "../../test-support/server-test-kit.js";
import { DependencyUnavailableError } from "../errors.js";
import { openSqliteStore } from "./sqlite-store.js";
import type { FeedbackInput } from "./types.js";

const rating = (answerId: string, extra: Partial<FeedbackInput> = {}): FeedbackInput => ({
  answerId,
  rater: "ip:127.0.0.1",
  rating: "up",
  question: "When did Putin visit China?",
  answer: "May 16-17, 2024: Putin visits China. [1]",
  citations: [{ n: 1, id: "c1", kind: "chronology", doc: "d.txt", dateLabel: "May 16-17, 2024", text: "Putin visits China." }],
  ...extra,
});

let dir: ReturnType<typeof tempDir>;
let path: string;
beforeEach(() => {
  dir = tempDir();
  path = join(dir.path, "nested", "chronicle.sqlite");
});
afterEach(() => dir.remove());

describe("openSqliteStore: failures of the file", () => {
  it("reports a corrupt file as unavailable, logs it, and refuses writes with a 503", async () => {
    writeFileSync(path.replace("nested/", ""), "this is not a database ".repeat(200));
    const { logger, lines } = memoryLogger();
    const store = openSqliteStore({ path: path.replace("nested/", ""), logger });
    expect(store.status()).toMatch(/^unavailable: file is not a database/);
    expect(lines().some((line) => line.level === 50 && /state database unavailable/.test(String(line.msg)))).toBe(true);
    const error = await store.feedback.add(rating("a1")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error).toMatchObject({ code: "database_unavailable" });
    await expect(store.answers.get("a1")).rejects.toThrow(/file is not a database/);
    expect(await store.check()).toMatch(/^unavailable: file is not a database/);
    await store.close();
  });

  it("answers 503 while another process holds the write lock, and works once it is released", async () => {
    const store = openSqliteStore({ path, logger: silentLogger, busyTimeoutMs: 20 });
    const other = new Database(path);
    other.exec("BEGIN EXCLUSIVE");
    await expect(store.feedback.add(rating("a1"))).rejects.toThrow(/database is locked/);
    expect(store.status()).toBe("unavailable: database is locked");
    other.exec("COMMIT");
    other.close();
    expect((await store.feedback.add(rating("a1"))).id).toBe(1);
    expect(store.status()).toBe("ok");
    await store.close();
  });

  it("tries a database that was locked at start again after retryMs", async () => {
    let now = 0;
    const other = new Database(join(dir.path, "locked.sqlite"));
    other.exec("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);");
    const store = openSqliteStore({ path: join(dir.path, "locked.sqlite"), logger: silentLogger, busyTimeoutMs: 20, retryMs: 1000, now: () => now });
    expect(store.status()).toMatch(/^unavailable: database is locked/);
    other.exec("COMMIT");
    other.close();
    now = 500;
    await expect(store.feedback.add(rating("a1"))).rejects.toThrow(/unavailable/);
    now = 1000;
    expect((await store.feedback.add(rating("a1"))).id).toBe(1);
    expect(store.status()).toBe("ok");
    await store.close();
  });

  it("leaves a database from a newer schema alone", async () => {
    const newer = new Database(path.replace("nested/", ""));
    newer.pragma("user_version = 99");
    newer.close();
    const store = openSqliteStore({ path: path.replace("nested/", ""), logger: silentLogger });
    expect(store.status()).toBe("unavailable: schema version 99 is newer than this server's 3");
    await store.close();
  });
});

describe("SQLite migrations", () => {
  it("moves a version 1 database to one rating per answer and rater, keeping the latest", async () => {
    const old = new Database(path.replace("nested/", ""));
    old.exec(`CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, answer_id TEXT NOT NULL, rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
      comment TEXT, question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, created_at TEXT NOT NULL); PRAGMA user_version = 1;`);
    const insert = old.prepare("INSERT INTO feedback (answer_id, rating, question, answer, citations, created_at) VALUES (?, ?, 'q', 'a', '[]', ?)");
    insert.run("a1", "up", "2026-01-01T00:00:00Z");
    insert.run("a1", "down", "2026-01-02T00:00:00Z");
    insert.run("a2", "up", "2026-01-03T00:00:00Z");
    old.close();
    const store = openSqliteStore({ path: path.replace("nested/", ""), logger: silentLogger });
    try {
      expect(store.status()).toBe("ok");
      expect((await store.feedback.page(0, 10)).map((r) => [r.answerId, r.rating])).toEqual([["a1", "down"], ["a2", "up"]]);
      expect((await store.feedback.add(rating("a1", { rater: "" }))).replaced).toBe(true);
      expect(await store.feedback.page(0, 10)).toHaveLength(2);
      // Version 3's tables are there too.
      await store.answers.record({ id: "x", question: "q", answer: "a", citations: [] });
      expect((await store.answers.get("x"))?.answer).toBe("a");
    } finally {
      await store.close();
    }
  });
});
