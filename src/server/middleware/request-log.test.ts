import { describe, expect, it } from "vitest";
import { memoryLogger, fakeChronicle, postJson, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openSqliteStore } from "../../store/index.js";

describe("requestLog", () => {
  it("logs one JSON line per request with method, path, status, ms and the request id sent back", async () => {
    const { logger, lines } = memoryLogger();
    const store = openSqliteStore({ path: ":memory:", logger });
    const app = createApp({ chronicle: fakeChronicle(), config: testConfig(), logger, store });
    const res = await app.request("/healthz");
    const missing = await app.request("/api/sources/nope");
    const logged = lines().filter((line) => line.msg === "request");
    expect(logged).toEqual([
      { level: 30, time: expect.any(Number), msg: "request", requestId: res.headers.get("x-request-id"), method: "GET", path: "/healthz", status: 200, ms: expect.any(Number) },
      expect.objectContaining({ requestId: missing.headers.get("x-request-id"), method: "GET", path: "/api/sources/nope", status: 404 }),
    ]);
    store.close();
  });

  it("keeps a caller's request id", async () => {
    const { logger, lines } = memoryLogger();
    const store = openSqliteStore({ path: ":memory:", logger });
    const app = createApp({ chronicle: fakeChronicle(), config: testConfig(), logger, store });
    const res = await app.request("/healthz", { headers: { "x-request-id": "trace-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-123");
    expect(lines().find((line) => line.msg === "request")?.requestId).toBe("trace-123");
    store.close();
  });

  it("logs a failure's stack with its request id, and sends none", async () => {
    const { logger, lines } = memoryLogger();
    const store = openSqliteStore({ path: ":memory:", logger });
    const broken = { ...fakeChronicle(), ask: async () => { throw new TypeError("cannot read x of undefined"); } };
    const app = createApp({ chronicle: broken, config: testConfig(), logger, store });
    const res = await postJson(app, "/api/ask", { question: "Why?" });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: { code: "internal", message: "internal error" } });
    expect(body).not.toMatch(/TypeError|at .*\.ts/);
    const failure = lines().find((line) => line.msg === "request failed")!;
    expect(failure.requestId).toBe(res.headers.get("x-request-id"));
    expect((failure.err as { stack: string }).stack).toMatch(/TypeError: cannot read x of undefined/);
    expect(lines().find((line) => line.msg === "request")).toMatchObject({ status: 500 });
    store.close();
  });
});
