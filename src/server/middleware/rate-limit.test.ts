import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../logger.js";
import { fakeChronicle, guardedApp, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openSqliteStore } from "../../store/index.js";
import { apiKeyAuth } from "./api-key-auth.js";
import { rateLimit } from "./rate-limit.js";

const store = openSqliteStore({ path: ":memory:", logger: silentLogger });
afterAll(() => store.close());

describe("rateLimit", () => {
  it("answers 429 JSON with Retry-After in seconds once over the limit, and lets the client in again in the next window", async () => {
    const app = guardedApp(rateLimit({ limit: 2, windowMs: 1_000 }));
    const first = await app.request("/x");
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-remaining")).toBe("1");
    expect((await app.request("/x")).headers.get("ratelimit-remaining")).toBe("0");
    const res = await app.request("/x");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await res.json()).toEqual({ error: { code: "rate_limited", message: "rate limit of 2 requests per 1 s reached; retry in 1 s" } });
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect((await app.request("/x")).status).toBe(200);
  });

  it("lets requests through when counting fails", async () => {
    const broken = new RateLimiterMemory({ points: 1, duration: 60 });
    broken.consume = async () => Promise.reject(new Error("store down"));
    const app = guardedApp(rateLimit({ limit: 1, limiter: broken }));
    expect((await app.request("/x")).status).toBe(200);
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
    const app = createApp({ chronicle: fakeChronicle(), config: testConfig({ RATE_LIMIT_PER_MINUTE: 2 }), logger: silentLogger, store });
    expect((await app.request("/api/chronology")).status).toBe(200);
    expect((await app.request("/v1/models")).status).toBe(200);
    const res = await app.request("/api/chronology");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect((await app.request("/healthz")).status).toBe(200);
  });
});
