import { existsSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openChronicle, type AskResult, type Chronicle } from "../../chronicle.js";
import type { Config } from "../../config.js";
import { silentLogger } from "../../logger.js";
import { postJson, tempDir, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openStateStore, type FeedbackRecord, type StateStore } from "../../store/index.js";

let chronicle: Chronicle;
let dir: ReturnType<typeof tempDir>;
const stores: StateStore[] = [];

/** An app whose state lives in this test's folder (DATA_DIR/chronicle.sqlite, as in production). */
const appAt = (dataDir: string, config: Partial<Config> = {}) => {
  const settings = testConfig({ DATA_DIR: dataDir, ...config });
  const store = openStateStore(settings, silentLogger);
  stores.push(store);
  return { app: createApp({ chronicle, config: settings, logger: silentLogger, store }), store };
};
const ask = async (app: ReturnType<typeof appAt>["app"], question: string, headers: Record<string, string> = {}) =>
  (await (await postJson(app, "/api/ask", { question }, headers)).json()) as AskResult;
const ADMIN = { ADMIN_KEY: "admin-key" };
const asAdmin = { headers: { authorization: "Bearer admin-key" } };
const exported = async (res: Response) => (await res.text()).split("\n").filter(Boolean).map((line) => JSON.parse(line) as FeedbackRecord);

beforeAll(async () => {
  chronicle = await openChronicle({ config: testConfig() });
});
afterAll(async () => {
  await chronicle.close();
});
beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  dir.remove();
});

describe("feedback", () => {
  it("stores a rating with the question, answer and citations it rates, and exports it as JSON lines", async () => {
    const { app } = appAt(dir.path, ADMIN);
    const answer = await ask(app, "When did Li Qiang visit Moscow?");
    const other = await ask(app, "When did Putin visit China?");
    const res = await postJson(app, "/api/feedback", { answerId: answer.id, rating: "up", comment: "Right date" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: 1, answerId: answer.id, rating: "up" });
    expect((await postJson(app, "/api/feedback", { answerId: other.id, rating: "down" })).status).toBe(201);

    const exportRes = await app.request("/api/feedback/export", asAdmin);
    expect(exportRes.status).toBe(200);
    expect(exportRes.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const records = await exported(exportRes);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ id: 1, answerId: answer.id, rating: "up", comment: "Right date", question: answer.question, answer: answer.answer, citations: answer.citations });
    expect(records[1]).toMatchObject({ id: 2, answerId: other.id, rating: "down" });
    expect(records[1]).not.toHaveProperty("comment");
  });

  it("keeps feedback, and the answers that can be rated, across a restart of the server", async () => {
    const first = appAt(dir.path);
    const answer = await ask(first.app, "When did Putin visit China?");
    const later = await ask(first.app, "When did Li Qiang visit Moscow?");
    await postJson(first.app, "/api/feedback", { answerId: answer.id, rating: "up" });
    await first.store.close();

    const second = appAt(dir.path, ADMIN);
    expect((await postJson(second.app, "/api/feedback", { answerId: later.id, rating: "down" })).status).toBe(201);
    const records = await exported(await second.app.request("/api/feedback/export", asAdmin));
    expect(records.map((r) => [r.answerId, r.answer])).toEqual([[answer.id, answer.answer], [later.id, later.answer]]);
  });

  it("carries over the ratings of an earlier release's DATA_DIR/feedback.sqlite", async () => {
    const first = appAt(dir.path);
    const answer = await ask(first.app, "When did Putin visit China?");
    await postJson(first.app, "/api/feedback", { answerId: answer.id, rating: "up", comment: "kept" });
    await first.store.close();
    renameSync(join(dir.path, "chronicle.sqlite"), join(dir.path, "feedback.sqlite"));

    const second = appAt(dir.path, ADMIN);
    const records = await exported(await second.app.request("/api/feedback/export", asAdmin));
    expect(records.map((r) => [r.answerId, r.comment])).toEqual([[answer.id, "kept"]]);
    expect(existsSync(join(dir.path, "feedback.sqlite"))).toBe(false);
  });

  it("answers 404 for an answer it does not know", async () => {
    const { app } = appAt(dir.path);
    const res = await postJson(app, "/api/feedback", { answerId: "never-given", rating: "up" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: expect.stringMatching(/answer "never-given" not found/) } });
  });

  it.each([
    ["a bad rating", { answerId: "x", rating: "meh" }, /rating must be "up" or "down", got "meh"/],
    ["no answer id", { rating: "up" }, /answerId/],
    ["a comment over 2,000 characters", { answerId: "x", rating: "up", comment: "z".repeat(2001) }, /comment is over 2000 characters/],
  ])("rejects %s with 400", async (_name, body, message) => {
    const { app } = appAt(dir.path);
    const res = await postJson(app, "/api/feedback", body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_request", message: expect.stringMatching(message) } });
  });

  it("keeps one rating per answer and rater: rating again replaces it", async () => {
    const { app } = appAt(dir.path, ADMIN);
    const answer = await ask(app, "When did Putin visit China?");
    expect((await postJson(app, "/api/feedback", { answerId: answer.id, rating: "up", rater: "browser-1" })).status).toBe(201);
    const again = await postJson(app, "/api/feedback", { answerId: answer.id, rating: "down", comment: "Wrong year", rater: "browser-1" });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ rating: "down", replaced: true });
    expect((await postJson(app, "/api/feedback", { answerId: answer.id, rating: "up", rater: "browser-2" })).status).toBe(201);
    const records = await exported(await app.request("/api/feedback/export", asAdmin));
    expect(records.map((r) => [r.rater, r.rating, r.comment])).toEqual([["client:browser-1", "down", "Wrong year"], ["client:browser-2", "up", undefined]]);
  });

  it("keeps the export off without ADMIN_KEY or API_KEYS, and behind the admin key, not an API key, when it is set", async () => {
    const open = appAt(dir.path).app;
    const off = await open.request("/api/feedback/export");
    expect(off.status).toBe(403);
    expect(await off.json()).toMatchObject({ error: { code: "export_disabled", message: expect.stringMatching(/ADMIN_KEY/) } });
    const guarded = appAt(dir.path, { ...ADMIN, API_KEYS: ["user-key"] }).app;
    expect((await guarded.request("/api/feedback/export", { headers: { authorization: "Bearer user-key" } })).status).toBe(401);
    expect((await guarded.request("/api/feedback/export", asAdmin)).status).toBe(200);
  });

  it("needs a valid API key to export when keys are set", async () => {
    const { app } = appAt(dir.path, { API_KEYS: ["export-key"] });
    expect((await app.request("/api/feedback/export")).status).toBe(401);
    expect((await app.request("/api/feedback/export", { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    const res = await app.request("/api/feedback/export", { headers: { authorization: "Bearer export-key" } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });

  it("with a corrupt database: answering works, feedback is 503, and /readyz says why", async () => {
    writeFileSync(join(dir.path, "chronicle.sqlite"), Buffer.from("garbage ".repeat(1000)));
    const { app } = appAt(dir.path, { API_KEYS: ["k"] });

    const ready = await app.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", dependencies: { database: { backend: "sqlite", status: expect.stringMatching(/^unavailable: file is not a database/) } } });

    const answer = await ask(app, "When did Putin visit China?", { authorization: "Bearer k" });
    expect(answer.answer).toContain("May 16-17, 2024");

    const res = await postJson(app, "/api/feedback", { answerId: answer.id, rating: "up" }, { authorization: "Bearer k" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({ error: { code: "database_unavailable", message: expect.stringMatching(/state database is unavailable: file is not a database/) } });
    const exportRes = await app.request("/api/feedback/export", { headers: { authorization: "Bearer k" } });
    expect(exportRes.status).toBe(503);
  });
});
