import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../logger.js";
import { fakeChronicle, guardedApp, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openFeedbackStore } from "../feedback-store.js";
import { apiKeyAuth } from "./api-key-auth.js";
import { createFixedWindowCounter, rateLimit } from "./rate-limit.js";

const feedback = openFeedbackStore({ path: ":memory:", logger: silentLogger });
afterAll(() => feedback.close());

describe("createFixedWindowCounter", () => {
  it("allows `limit` hits per window and starts over in the next", () => {
    const counter = createFixedWindowCounter(2, 1000);
    expect(counter.hit("a", 0)).toEqual({ allowed: true, remaining: 1, resetAt: 1000 });
    expect(counter.hit("a", 10).allowed).toBe(true);
    expect(counter.hit("a", 20)).toEqual({ allowed: false, remaining: 0, resetAt: 1000 });
    expect(counter.hit("b", 20).allowed).toBe(true);
    expect(counter.hit("a", 1000)).toEqual({ allowed: true, remaining: 1, resetAt: 2000 });
  });

  it("prunes the windows of clients that have gone quiet", () => {
    const counter = createFixedWindowCounter(5, 1000);
    for (let i = 0; i < 100; i++) counter.hit(`client-${i}`, 0);
    expect(counter.size).toBe(100);
    counter.hit("late", 1500);
    expect(counter.size).toBe(1);
  });
});

describe("rateLimit", () => {
  it("answers 429 JSON with Retry-After in seconds once over the limit", async () => {
    let now = 0;
    const app = guardedApp(rateLimit({ limit: 2, windowMs: 60_000, now: () => now }));
    expect((await app.request("/x")).status).toBe(200);
    now = 15_000;
    const second = await app.request("/x");
    expect(second.headers.get("ratelimit-remaining")).toBe("0");
    now = 20_500;
    const res = await app.request("/x");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("40");
    expect(await res.json()).toEqual({ error: { code: "rate_limited", message: "rate limit of 2 requests per 60 s reached; retry in 40 s" } });
    now = 60_000;
    expect((await app.request("/x")).status).toBe(200);
  });

  it("counts each API key on its own", async () => {
    const app = guardedApp(apiKeyAuth({ keys: ["one", "two"] }), rateLimit({ limit: 1 }));
    expect((await app.request("/x", { headers: { authorization: "Bearer one" } })).status).toBe(200);
    expect((await app.request("/x", { headers: { authorization: "Bearer one" } })).status).toBe(429);
    expect((await app.request("/x", { headers: { authorization: "Bearer two" } })).status).toBe(200);
  });

  it("counts by remote address on a real connection", async () => {
    const app = guardedApp(rateLimit({ limit: 1 }));
    const server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s as Server)) as Server;
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
      expect((await fetch(url)).status).toBe(200);
      expect((await fetch(url)).status).toBe(429);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("limits /api/* and /v1/* of the app together, using RATE_LIMIT_PER_MINUTE, and leaves health checks alone", async () => {
    const app = createApp({ chronicle: fakeChronicle(), config: testConfig({ RATE_LIMIT_PER_MINUTE: 2 }), logger: silentLogger, feedback });
    expect((await app.request("/api/chronology")).status).toBe(200);
    expect((await app.request("/v1/models")).status).toBe(200);
    const res = await app.request("/api/chronology");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect((await app.request("/healthz")).status).toBe(200);
  });
});
