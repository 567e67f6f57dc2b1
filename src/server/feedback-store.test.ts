import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../logger.js";
import { memoryLogger, tempDir } from "../../test-support/server-test-kit.js";
import { openFeedbackStore, type FeedbackInput } from "./feedback-store.js";
import { HttpError } from "./http-error.js";

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
  path = join(dir.path, "nested", "feedback.sqlite");
});
afterEach(() => dir.remove());

describe("openFeedbackStore", () => {
  it("stores ratings with the answer and pages through them by id", () => {
    const store = openFeedbackStore({ path, logger: silentLogger, now: () => Date.parse("2024-12-01T10:00:00Z") });
    expect(store.status()).toBe("ok");
    const first = store.add(rating("a1", { comment: "Exactly right" }));
    store.add(rating("a2", { rating: "down" }));
    store.add(rating("a3"));
    expect(first).toMatchObject({ id: 1, answerId: "a1", comment: "Exactly right", createdAt: "2024-12-01T10:00:00.000Z" });
    expect(store.page(0, 2).map((r) => r.answerId)).toEqual(["a1", "a2"]);
    expect(store.page(2, 2).map((r) => r.answerId)).toEqual(["a3"]);
    expect(store.page(0, 10)[1]).toEqual({ ...rating("a2", { rating: "down" }), id: 2, createdAt: "2024-12-01T10:00:00.000Z" });
    store.close();
  });

  it("keeps ratings across a restart", () => {
    const before = openFeedbackStore({ path, logger: silentLogger });
    before.add(rating("a1"));
    before.close();
    const after = openFeedbackStore({ path, logger: silentLogger });
    expect(after.page(0, 10).map((r) => r.answerId)).toEqual(["a1"]);
    after.add(rating("a2"));
    expect(after.page(0, 10).map((r) => r.id)).toEqual([1, 2]);
    after.close();
  });

  it("reports a corrupt file as unavailable, logs it, and refuses writes with a 503", () => {
    writeFileSync(path.replace("nested/", ""), "this is not a database ".repeat(200));
    const { logger, lines } = memoryLogger();
    const store = openFeedbackStore({ path: path.replace("nested/", ""), logger });
    expect(store.status()).toMatch(/^unavailable: file is not a database/);
    expect(lines().some((line) => line.level === 50 && /feedback database unavailable/.test(String(line.msg)))).toBe(true);
    const error = (() => {
      try {
        store.add(rating("a1"));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 503, code: "feedback_unavailable" });
    store.close();
  });

  it("answers 503 while another process holds the write lock, and works once it is released", () => {
    const store = openFeedbackStore({ path, logger: silentLogger, busyTimeoutMs: 20 });
    const other = new Database(path);
    other.exec("BEGIN EXCLUSIVE");
    expect(() => store.add(rating("a1"))).toThrow(/database is locked/);
    expect(store.status()).toBe("unavailable: database is locked");
    other.exec("COMMIT");
    other.close();
    expect(store.add(rating("a1")).id).toBe(1);
    expect(store.status()).toBe("ok");
    store.close();
  });

  it("tries a database that was locked at start again after retryMs", () => {
    let now = 0;
    const other = new Database(join(dir.path, "locked.sqlite"));
    other.exec("CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);");
    const store = openFeedbackStore({ path: join(dir.path, "locked.sqlite"), logger: silentLogger, busyTimeoutMs: 20, retryMs: 1000, now: () => now });
    expect(store.status()).toMatch(/^unavailable: database is locked/);
    other.exec("COMMIT");
    other.close();
    now = 500;
    expect(() => store.add(rating("a1"))).toThrow(/unavailable/);
    now = 1000;
    expect(store.add(rating("a1")).id).toBe(1);
    expect(store.status()).toBe("ok");
    store.close();
  });

  it("leaves a database from a newer schema alone", () => {
    const newer = new Database(path.replace("nested/", ""));
    newer.pragma("user_version = 99");
    newer.close();
    const store = openFeedbackStore({ path: path.replace("nested/", ""), logger: silentLogger });
    expect(store.status()).toBe("unavailable: schema version 99 is newer than this server's 2");
    store.close();
  });
});

describe("feedback store migrations", () => {
  it("moves a version 1 database to one rating per answer and rater, keeping the latest", () => {
    const old = new Database(path.replace("nested/", ""));
    old.exec(`CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, answer_id TEXT NOT NULL, rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
      comment TEXT, question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, created_at TEXT NOT NULL); PRAGMA user_version = 1;`);
    const insert = old.prepare("INSERT INTO feedback (answer_id, rating, question, answer, citations, created_at) VALUES (?, ?, 'q', 'a', '[]', ?)");
    insert.run("a1", "up", "2026-01-01T00:00:00Z");
    insert.run("a1", "down", "2026-01-02T00:00:00Z");
    insert.run("a2", "up", "2026-01-03T00:00:00Z");
    old.close();
    const store = openFeedbackStore({ path: path.replace("nested/", ""), logger: silentLogger });
    try {
      expect(store.status()).toBe("ok");
      expect(store.page(0, 10).map((r) => [r.answerId, r.rating])).toEqual([["a1", "down"], ["a2", "up"]]);
      expect(store.add(rating("a1", { rater: "" })).replaced).toBe(true);
      expect(store.page(0, 10)).toHaveLength(2);
    } finally {
      store.close();
    }
  });
});
