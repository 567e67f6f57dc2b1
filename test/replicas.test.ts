import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AskResult } from "../src/chronicle.js";
import type { FeedbackRecord } from "../src/store/index.js";
import { signBody, TEST_SIGNING_SECRET } from "../test-support/fake-slack-requests.js";
import { startFakeSlack, type FakeSlack } from "../test-support/fake-slack.js";
import { startNginx, type TestNginx } from "../test-support/nginx.js";
import { startPostgres, type TestPostgres } from "../test-support/postgres.js";
import { startRedis, type TestRedis } from "../test-support/redis.js";
import { spawnServer, type SpawnedServer } from "../test-support/spawn-server.js";
import { writeSyntheticCorpus } from "../test-support/synthetic-corpus.js";

/**
 * Two replicas of `npm start` behind nginx with deploy/nginx.conf, sharing one PostgreSQL and one Redis,
 * as the README's Deployment section runs them. Every server here is our own, on loopback.
 */
const KEYS = Array.from({ length: 100 }, (_, i) => `key-${i}`);
const RATE_LIMIT = 30;
const ADMIN = "admin-key-for-replicas";

let postgres: TestPostgres;
let redis: TestRedis;
let slack: FakeSlack;
let nginx: TestNginx;
let a: SpawnedServer;
let b: SpawnedServer;
let root: string;
let nextKey = 0;

/** An API key of its own for each request, so the load below stays under every key's rate limit. */
const anyKey = () => KEYS[nextKey++ % (KEYS.length - 1)]!;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function ask(base: string, question: string, key = anyKey()): Promise<AskResult> {
  const res = await fetch(`${base}/api/ask`, { method: "POST", headers: { "content-type": "application/json", ...bearer(key) }, body: JSON.stringify({ question }) });
  expect(res.status).toBe(200);
  return (await res.json()) as AskResult;
}

const rate = (base: string, answerId: string, rater: string) =>
  fetch(`${base}/api/feedback`, { method: "POST", headers: { "content-type": "application/json", ...bearer(anyKey()) }, body: JSON.stringify({ answerId, rating: "up", rater }) });

async function exported(base: string): Promise<FeedbackRecord[]> {
  const res = await fetch(`${base}/api/feedback/export`, { headers: bearer(ADMIN) });
  expect(res.status).toBe(200);
  return (await res.text()).split("\n").filter(Boolean).map((line) => JSON.parse(line) as FeedbackRecord);
}

/** A signed Events API delivery, as Slack sends it (a retry carries X-Slack-Retry-Num). */
function deliver(base: string, payload: object, headers: Record<string, string> = {}): Promise<Response> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  return fetch(`${base}/slack/events`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signBody(TEST_SIGNING_SECRET, timestamp, body), ...headers },
    body,
  });
}

const mention = (eventId: string, ts: string, text: string) => ({
  type: "event_callback",
  team_id: "T0001",
  event_id: eventId,
  authorizations: [{ user_id: "UBOT" }],
  event: { type: "app_mention", user: "U0USER", text: `<@UBOT> ${text}`, ts, channel: "C0CHAN" },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  [postgres, redis, slack] = await Promise.all([startPostgres(), startRedis(), startFakeSlack()]);
  const { corpusDir } = await writeSyntheticCorpus();
  root = await mkdtemp(join(tmpdir(), "chronicle-replicas-"));
  const env = (name: string) => ({
    CORPUS_DIR: corpusDir,
    // The index is each replica's own, built from the same corpus.
    DATA_DIR: join(root, name),
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    API_KEYS: KEYS.join(","),
    ADMIN_KEY: ADMIN,
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    TRUST_PROXY_HOPS: "1",
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_BOT_TOKEN: "xoxb-replicas",
    SLACK_API_URL: slack.apiUrl,
  });
  [a, b] = await Promise.all([spawnServer(env("a")), spawnServer(env("b"))]);
  nginx = await startNginx({ upstreams: [a.url, b.url].map((url) => new URL(url).host) });
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([nginx?.stop(), slack?.close(), redis?.stop(), postgres?.stop()]);
  if (root) await rm(root, { recursive: true, force: true });
});

describe("two replicas behind a load balancer", () => {
  it("answers through the proxy from both replicas, each naming its database and Redis as ok", async () => {
    for (const replica of [a, b]) {
      const ready = (await (await fetch(`${replica.url}/readyz`)).json()) as { dependencies: Record<string, { status: string }> };
      expect(ready.dependencies).toEqual({ database: { backend: "postgres", status: "ok" }, redis: { status: "ok" } });
    }
    const answers = await Promise.all([1, 2, 3, 4].map(() => ask(nginx.url, "When does Central branch open on Sundays?")));
    for (const answer of answers) expect(answer.answer).toMatch(/11:00/);
  });

  it("posts a Slack event delivered to replica A and retried to replica B exactly once, and takes a press of its 👍 on B", async () => {
    const event = mention("EvReplica0001", "1764590400.000100", "When does Central branch open on Sundays?");
    expect((await deliver(a.url, event)).status).toBe(200);
    expect((await deliver(b.url, event, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" })).status).toBe(200);
    await slack.waitFor(() => slack.posts.length >= 1, 15_000);
    // B can post: another message, to B alone, is answered.
    await deliver(b.url, mention("EvReplica0002", "1764590400.000200", "Who can become a member?"));
    await slack.waitFor(() => slack.posts.length >= 2, 15_000);
    await sleep(1_000);
    expect(slack.posts.map((post) => post.thread_ts)).toEqual(["1764590400.000100", "1764590400.000200"]);

    // The 👍 under replica A's answer, pressed and delivered to replica B, is recorded with what A said.
    const buttons = (slack.posts[0]!.blocks ?? []).find((block) => block.type === "actions") as unknown as { elements: Array<{ action_id: string; value: string }> };
    const up = buttons.elements.find((element) => element.action_id.endsWith("up"))!;
    const body = new URLSearchParams({ payload: JSON.stringify({ type: "block_actions", user: { id: "U0PRESSER" }, actions: [{ action_id: up.action_id, value: up.value, type: "button" }] }) }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const pressed = await fetch(`${b.url}/slack/interactions`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signBody(TEST_SIGNING_SECRET, timestamp, body) },
      body,
    });
    expect(pressed.status).toBe(200);
    const rating = (await exported(nginx.url)).find((record) => record.rater === "slack:U0PRESSER");
    expect(rating).toMatchObject({ answerId: up.value, rating: "up", question: "When does Central branch open on Sundays?" });
    expect(rating!.answer).toMatch(/11:00/);
  }, 40_000);

  it("rates through replica B an answer replica A gave", async () => {
    const answer = await ask(a.url, "What is free for everyone who lives in the estuary?");
    const res = await rate(b.url, answer.id, "replica-test");
    expect(res.status).toBe(201);
    const records = await exported(nginx.url);
    expect(records.find((record) => record.answerId === answer.id)).toMatchObject({ answer: answer.answer, question: answer.question, rater: "client:replica-test" });
  });

  it("counts a client's requests on both replicas against one rate limit", async () => {
    const key = KEYS.at(-1)!;
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT; i++) statuses.push((await fetch(`${[a, b][i % 2]!.url}/api/corpus`, { headers: bearer(key) })).status);
    expect(statuses.slice(0, RATE_LIMIT).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("loses no acknowledged rating when PostgreSQL restarts mid-run", async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => ask(nginx.url, i % 2 ? "When does Central branch open on Sundays?" : "Who can become a member?")));
    const acknowledged: string[] = [];
    const refused: number[] = [];
    const restart = (async () => {
      await sleep(300);
      await postgres.pause();
      await sleep(700);
      await postgres.resume();
    })();
    const started = Date.now();
    for (let i = 0; Date.now() - started < 3_000 || i < answers.length; i++) {
      const answer = answers[i % answers.length]!;
      const res = await rate(nginx.url, answer.id, `rater-${i}`);
      if (res.status === 200 || res.status === 201) acknowledged.push(`${answer.id}/client:rater-${i}`);
      else refused.push(res.status);
      await sleep(20);
    }
    await restart;
    // The outage was seen (ratings refused with 503), and ratings were taken again once it was over.
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused)).toEqual(new Set([503]));
    expect(acknowledged.length).toBeGreaterThan(answers.length);
    const stored = new Set((await exported(nginx.url)).map((record) => `${record.answerId}/${record.rater}`));
    expect(acknowledged.filter((rating) => !stored.has(rating))).toEqual([]);
  }, 30_000);

  it("keeps serving from B when A is killed under load, failing only requests that were in flight on A", async () => {
    const outcomes: Array<{ startedAt: number; failure: string }> = [];
    const until = Date.now() + 3_000;
    const worker = async () => {
      while (Date.now() < until) {
        const startedAt = Date.now();
        const failure = await fetch(`${nginx.url}/api/ask`, {
          method: "POST",
          headers: { "content-type": "application/json", ...bearer(anyKey()) },
          body: JSON.stringify({ question: "When does Central branch open on Sundays?" }),
        }).then((res) => (res.status === 200 ? "" : `HTTP ${res.status}`), (error: Error) => error.message);
        outcomes.push({ startedAt, failure });
        // Paced: a cached answer takes about a millisecond, and unpaced the load would spend every key's rate
        // limit (99 keys at 30 a minute) within the three seconds, failing with 429 instead of testing failover.
        await sleep(20);
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, worker));
    await sleep(1_000);
    const exited = new Promise<number>((resolve) => a.process.once("exit", () => resolve(Date.now())));
    a.process.kill("SIGKILL");
    // A dying process takes a few milliseconds to go: until it has, connections to it are still accepted by
    // its socket and then reset, so a request sent meanwhile was in flight on A too.
    const goneAt = await exited;
    await load;

    const failed = outcomes.filter((outcome) => outcome.failure);
    expect(outcomes.filter((outcome) => outcome.startedAt > goneAt).length).toBeGreaterThan(10);
    // Each connection of the load can have had at most one request on A, and none began after A was gone.
    expect(failed.length).toBeLessThanOrEqual(6);
    expect(failed.filter((outcome) => outcome.startedAt > goneAt)).toEqual([]);
    expect((await ask(nginx.url, "What are the opening hours on Sundays?")).answer).toMatch(/11:00/);
  }, 30_000);
});
