import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CachedAnswer } from "../answer-cache.js";
import { silentLogger } from "../logger.js";
import { startRedis, type TestRedis } from "../../test-support/redis.js";
import { guardedApp } from "../../test-support/server-test-kit.js";
import { rateLimit } from "./middleware/rate-limit.js";
import { NO_SHARED_SERVICES, openSharedServices, type SharedServices } from "./shared-services.js";

let redis: TestRedis;
const opened: SharedServices[] = [];
/** One replica's view of Redis. */
const replica = () => {
  const services = openSharedServices({ REDIS_URL: redis.url }, silentLogger);
  opened.push(services);
  return services;
};
const until = async (condition: () => Promise<boolean>, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const connected = (services: SharedServices) => until(async () => (await services.check()).redis === "ok");

const answer: CachedAnswer = { answer: "The office opens at 08:30. [1]", citations: [], refused: false, mode: "extractive", confidence: 0.9, sources: [] };

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(opened.map((services) => services.close()));
  await redis?.stop();
});

describe("openSharedServices", () => {
  it("is the in-process default without REDIS_URL", async () => {
    expect(openSharedServices({}, silentLogger)).toBe(NO_SHARED_SERVICES);
    expect(await NO_SHARED_SERVICES.check()).toEqual({});
    expect(NO_SHARED_SERVICES.answerCache).toBeUndefined();
  });

  it("shares cached answers between replicas", async () => {
    const [a, b] = [replica(), replica()];
    await Promise.all([connected(a), connected(b)]);
    await a.answerCache!.set("key-1", answer);
    expect(await b.answerCache!.get("key-1")).toEqual(answer);
    expect(await b.answerCache!.get("key-2")).toBeUndefined();
  });

  it("counts a client's requests on every replica against one limit", async () => {
    const [a, b] = [replica(), replica()];
    await Promise.all([connected(a), connected(b)]);
    // One limiter per replica, as each server builds its own.
    const apps = [a, b].map((services) => guardedApp(rateLimit({ limit: 3, limiter: services.rateLimiter(3, 60_000) })));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await apps[i % 2].request("/x")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("while Redis is down: says so, skips the cache, and counts each replica on its own; then recovers by itself", async () => {
    const [a, b] = [replica(), replica()];
    await Promise.all([connected(a), connected(b)]);
    const apps = [a, b].map((services) => guardedApp(rateLimit({ limit: 2, limiter: services.rateLimiter(2, 60_000) })));
    await a.answerCache!.set("kept", answer);
    await redis.pause();
    try {
      await until(async () => (await a.check()).redis.startsWith("unavailable: "));
      const started = performance.now();
      expect(await a.answerCache!.get("kept")).toBeUndefined();
      await a.answerCache!.set("lost", answer);
      expect(performance.now() - started).toBeLessThan(100);
      // Fails open to a per-replica count: each replica allows the limit on its own.
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await apps[i % 2].request("/x")).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      await redis.resume();
    }
    await Promise.all([connected(a), connected(b)]);
    await a.answerCache!.set("again", answer);
    expect(await b.answerCache!.get("again")).toEqual(answer);
  }, 20_000);
});
