import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../logger.js";
import { tempDir } from "../../test-support/server-test-kit.js";
import { startPostgres, type TestPostgres } from "../../test-support/postgres.js";
import { openPostgresStore } from "./postgres-store.js";
import { openSqliteStore } from "./sqlite-store.js";
import type { FeedbackInput, Retention, StateStore } from "./types.js";

/**
 * Both backends answer to the same tests: no feature exists on one only. Each test opens stores over a
 * database of its own; two stores over one database stand for two replicas.
 */
interface Backend {
  name: string;
  /** A new, empty database, opened by as many stores as the test asks for. */
  database(): Promise<(options?: { now?: () => number; retention?: Partial<Retention> }) => StateStore>;
}

let postgres: TestPostgres;
const dir = tempDir();
const opened: StateStore[] = [];
let files = 0;

const backends: Backend[] = [
  {
    name: "sqlite",
    async database() {
      const path = join(dir.path, `state-${files++}.sqlite`);
      return (options = {}) => track(openSqliteStore({ path, logger: silentLogger, ...options }));
    },
  },
  {
    name: "postgres",
    async database() {
      const url = await postgres.database();
      return (options = {}) => track(openPostgresStore({ url, logger: silentLogger, ...options }));
    },
  },
];

function track(store: StateStore): StateStore {
  opened.push(store);
  return store;
}

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await postgres?.stop();
  dir.remove();
});

const rating = (answerId: string, extra: Partial<FeedbackInput> = {}): FeedbackInput => ({
  answerId,
  rater: "ip:127.0.0.1",
  rating: "up",
  question: "When did the office move?",
  answer: "March 3, 2025: the office moved to Leeds. [1]",
  citations: [{ n: 1, id: "c1", kind: "chronology", doc: "d.txt", dateLabel: "March 3, 2025", text: "The office moved to Leeds." }],
  ...extra,
});

describe.each(backends)("the $name store", (backend) => {
  it("stores ratings with the answer they rate and pages through them by id", async () => {
    const store = (await backend.database())({ now: () => Date.parse("2026-12-01T10:00:00Z") });
    const first = await store.feedback.add(rating("a1", { comment: "Exactly right" }));
    await store.feedback.add(rating("a2", { rating: "down" }));
    await store.feedback.add(rating("a3"));
    expect(first).toEqual({ ...rating("a1", { comment: "Exactly right" }), id: 1, createdAt: "2026-12-01T10:00:00.000Z" });
    expect((await store.feedback.page(0, 2)).map((r) => r.answerId)).toEqual(["a1", "a2"]);
    expect((await store.feedback.page(2, 2)).map((r) => r.answerId)).toEqual(["a3"]);
    expect((await store.feedback.page(0, 10))[1]).toEqual({ ...rating("a2", { rating: "down" }), id: 2, createdAt: "2026-12-01T10:00:00.000Z" });
    expect(await store.check()).toBe("ok");
    expect(store.status()).toBe("ok");
  });

  it("keeps one rating per answer and rater: a second one replaces the first in place", async () => {
    const store = (await backend.database())();
    expect((await store.feedback.add(rating("a1"))).replaced).toBeUndefined();
    const again = await store.feedback.add(rating("a1", { rating: "down", comment: "Wrong year" }));
    expect(again).toMatchObject({ id: 1, rating: "down", replaced: true });
    await store.feedback.add(rating("a1", { rater: "slack:U1" }));
    // The second rater's row comes after; its id may skip one (PostgreSQL spends a sequence value on a conflict).
    expect((await store.feedback.page(0, 10)).map((r) => [r.id, r.rater, r.rating, r.comment])).toEqual([
      [1, "ip:127.0.0.1", "down", "Wrong year"],
      [expect.any(Number), "slack:U1", "up", undefined],
    ]);
  });

  it("keeps every one of many answers logged at once, and one logged just before the store closes", async () => {
    const open = await backend.database();
    const a = open();
    const ids = Array.from({ length: 40 }, (_, i) => `burst-${i}`);
    await Promise.all(ids.map((id) => a.answers.record({ id, question: `q ${id}?`, answer: `a ${id}`, citations: [] })));
    const b = open();
    expect((await Promise.all(ids.map((id) => b.answers.get(id)))).map((row) => row?.answer)).toEqual(ids.map((id) => `a ${id}`));
    const last = a.answers.record({ id: "last", question: "q?", answer: "a", citations: [] });
    await a.close();
    await last;
    expect((await b.answers.get("last"))?.answer).toBe("a");
  });

  it("finds an answer logged by another replica, until its retention ends", async () => {
    let now = Date.parse("2026-12-01T10:00:00Z");
    const open = await backend.database();
    const retention = { answerMs: 60_000 };
    const a = open({ now: () => now, retention });
    const b = open({ now: () => now, retention });
    const answer = { id: "ans-1", question: "q?", answer: "It moved. [1]", citations: rating("x").citations, mode: "extractive", refusal: "low-confidence" };
    await a.answers.record(answer);
    expect(await b.answers.get("ans-1")).toEqual({ ...answer, createdAt: "2026-12-01T10:00:00.000Z" });
    expect(await b.answers.get("never")).toBeUndefined();
    now += 60_001;
    expect(await b.answers.get("ans-1")).toBeUndefined();
    await b.prune();
    now -= 60_001;
    expect(await a.answers.get("ans-1")).toBeUndefined();
  });

  it("lets exactly one of several replicas claim an event, and the claim expires with its retention", async () => {
    let now = 0;
    const open = await backend.database();
    const replicas = [0, 1, 2].map(() => open({ now: () => now, retention: { eventMs: 1_000 } }));
    const claims = await Promise.all(replicas.flatMap((store) => [store.events.claim("event:Ev1"), store.events.claim("event:Ev1")]));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await replicas[0].events.claim("event:Ev2")).toBe(true);
    now = 999;
    expect(await replicas[1].events.claim("event:Ev1")).toBe(false);
    now = 1_000;
    expect(await replicas[2].events.claim("event:Ev1")).toBe(true);
    expect(await replicas[0].events.claim("event:Ev1")).toBe(false);
  });

  it("gives a thread's most recent turns in order to any replica, and forgets an idle thread", async () => {
    let now = 0;
    const open = await backend.database();
    const options = { now: () => now, retention: { threadMs: 1_000, turnsPerThread: 3 } };
    const a = open(options);
    const b = open(options);
    for (let i = 1; i <= 5; i++) await (i % 2 ? a : b).threads.add("T1:C1:1.0", { question: `q${i}`, answer: `a${i}`, citations: [] });
    await a.threads.add("T1:C1:2.0", { question: "other", answer: "x", citations: rating("x").citations });
    expect((await b.threads.turns("T1:C1:1.0")).map((turn) => turn.question)).toEqual(["q3", "q4", "q5"]);
    expect(await a.threads.turns("T1:C1:2.0")).toEqual([{ question: "other", answer: "x", citations: rating("x").citations }]);
    expect(await a.threads.turns("unknown")).toEqual([]);
    now = 1_000;
    expect(await b.threads.turns("T1:C1:1.0")).toEqual([]);
  });

  it("migrates once when several replicas open a new database at the same moment", async () => {
    const open = await backend.database();
    const replicas = [0, 1, 2, 3].map(() => open());
    expect(await Promise.all(replicas.map((store) => store.check()))).toEqual(["ok", "ok", "ok", "ok"]);
    await Promise.all(replicas.map((store, i) => store.feedback.add(rating(`a${i}`))));
    expect((await replicas[0].feedback.page(0, 10)).map((r) => r.id).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe("the postgres store when PostgreSQL goes away", () => {
  it("fails each use with database_unavailable, says so, and recovers by itself when it is back", async () => {
    const store = openPostgresStore({ url: await postgres.database(), logger: silentLogger, timeoutMs: 1_000 });
    track(store);
    const kept = await store.feedback.add(rating("before"));
    await postgres.pause();
    try {
      await expect(store.feedback.add(rating("during"))).rejects.toMatchObject({ code: "database_unavailable" });
      expect(await store.check()).toMatch(/^unavailable: /);
      expect(store.status()).toMatch(/^unavailable: /);
    } finally {
      await postgres.resume();
    }
    expect(await store.check()).toBe("ok");
    await store.feedback.add(rating("after"));
    expect((await store.feedback.page(0, 10)).map((r) => r.answerId)).toEqual([kept.answerId, "after"]);
  }, 30_000);

  it("starts while PostgreSQL is down and migrates once it is up", async () => {
    const url = await postgres.database();
    await postgres.pause();
    let store: StateStore;
    try {
      store = track(openPostgresStore({ url, logger: silentLogger, timeoutMs: 500, retryMs: 0 }));
      expect(await store.check()).toMatch(/^unavailable: /);
    } finally {
      await postgres.resume();
    }
    expect(await store.check()).toBe("ok");
    await store.answers.record({ id: "x", question: "q", answer: "a", citations: [] });
    expect((await store.answers.get("x"))?.answer).toBe("a");
  }, 30_000);
});
