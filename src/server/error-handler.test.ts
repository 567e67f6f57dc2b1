import { once } from "node:events";
import { connect, type AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import type { Chronicle } from "../chronicle.js";
import { ChronicleError, ConfigError, InvalidInputError } from "../errors.js";
import { silentLogger } from "../logger.js";
import { fakeChronicle, memoryLogger, postJson, testConfig } from "../../test-support/server-test-kit.js";
import { createApp } from "./app.js";
import { createErrorHandler, describeError, notFoundHandler } from "./error-handler.js";
import { openSqliteStore } from "../store/index.js";
import { HttpError } from "./http-error.js";

describe("describeError", () => {
  it("keeps the status and code of known errors", () => {
    expect(describeError(new HttpError(429, "rate_limited", "slow down", { headers: { "Retry-After": "3" } })))
      .toEqual({ status: 429, code: "rate_limited", message: "slow down", headers: { "Retry-After": "3" } });
    expect(describeError(new InvalidInputError("bad question"))).toMatchObject({ status: 400, code: "invalid_request", message: "bad question" });
    expect(describeError(new HTTPException(405))).toMatchObject({ status: 405, code: "method_not_allowed", message: "method not allowed" });
    expect(describeError(new HTTPException(400, { message: "Malformed JSON in request body" }))).toMatchObject({ status: 400, code: "invalid_request" });
    expect(describeError(new ConfigError("PORT", "must be a number"))).toMatchObject({ status: 500, code: "bad_config" });
    expect(describeError(new ChronicleError("index_corrupt", "index is corrupt"))).toMatchObject({ status: 500, code: "index_corrupt" });
  });

  it("says nothing of an unknown error", () => {
    expect(describeError(new Error("password=hunter2"))).toEqual({ status: 500, code: "internal", message: "internal error", headers: {} });
    expect(describeError("a string")).toMatchObject({ status: 500, code: "internal" });
  });
});

describe("createErrorHandler", () => {
  const app = new Hono();
  app.onError(createErrorHandler(silentLogger));
  app.notFound(notFoundHandler);
  app.get("/boom", () => {
    throw new RangeError("deep internal detail");
  });
  app.get("/limited", () => {
    throw new HttpError(429, "rate_limited", "slow down", { headers: { "Retry-After": "7" } });
  });

  it("answers an unknown failure with a bare 500 and no stack", async () => {
    const res = await app.request("/boom");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "internal error" } });
    expect(text).not.toContain("deep internal detail");
    expect(text).not.toContain("RangeError");
  });

  it("sends an error's headers", async () => {
    const res = await app.request("/limited");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
  });

  it("answers unknown routes with 404 JSON", async () => {
    const res = await app.request("/nowhere", { method: "DELETE" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "no route for DELETE /nowhere" } });
  });
});

describe("what the error handler logs", () => {
  const logged = (lines: Array<Record<string, unknown>>) => lines.filter((line) => line.msg !== "request");

  it("logs the 503 while the index loads at warn, without a stack", async () => {
    const { logger, lines } = memoryLogger();
    const store = openSqliteStore({ path: ":memory:", logger });
    const app = createApp({ chronicle: new Promise<Chronicle>(() => {}), config: testConfig(), logger, store });
    const res = await postJson(app, "/api/ask", { question: "When?" });
    expect(res.status).toBe(503);
    expect(logged(lines())).toEqual([{ level: 40, time: expect.any(Number), msg: "request refused", requestId: res.headers.get("x-request-id"), code: "not_ready", message: expect.stringMatching(/still loading/) }]);
    store.close();
  });

  it("logs a 4xx at info, without a stack", async () => {
    const { logger, lines } = memoryLogger();
    const store = openSqliteStore({ path: ":memory:", logger });
    const app = createApp({ chronicle: fakeChronicle(), config: testConfig(), logger, store });
    await postJson(app, "/api/ask", { question: "" });
    await app.request("/api/ask", { method: "POST", body: "{", headers: { "content-type": "application/json" } });
    expect(logged(lines()).map(({ level, msg, code, err }) => ({ level, msg, code, err }))).toEqual([
      { level: 30, msg: "request refused", code: "invalid_request", err: undefined },
      { level: 30, msg: "request refused", code: "invalid_json", err: undefined },
    ]);
    store.close();
  });

  it("logs an answer its client stopped waiting for as aborted, not as a failed 500", async () => {
    const { logger, lines } = memoryLogger();
    const store = openSqliteStore({ path: ":memory:", logger });
    const waiting: Chronicle = {
      ...fakeChronicle(),
      ask: (_question, options) => new Promise((_resolve, reject) => {
        options?.signal?.addEventListener("abort", () => reject(new DOMException("This operation was aborted", "AbortError")));
      }),
    };
    const app = createApp({ chronicle: waiting, config: testConfig(), logger, store });
    const client = new AbortController();
    const answered = app.request("/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: '{"question":"When?"}', signal: client.signal });
    setTimeout(() => client.abort(), 20);
    await answered;
    expect(logged(lines()).map(({ level, msg, err }) => ({ level, msg, err }))).toEqual([{ level: 40, msg: "request aborted", err: undefined }]);
    store.close();
  });

  it("logs a request whose body is cut off as aborted, at warn and without a stack, not as a failed 500", async () => {
    const { logger, lines } = memoryLogger();
    const store = openSqliteStore({ path: ":memory:", logger });
    const server = serve({ fetch: createApp({ chronicle: fakeChronicle(), config: testConfig(), logger, store }).fetch, port: 0, hostname: "127.0.0.1" });
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const head = "POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    const body = '{"question":"When did Putin';
    await Promise.all([
      // Chunked, and the client gone mid-body.
      sendAndHangUp(port, `${head}Transfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n`),
      // Chunked encoding that does not parse.
      sendAndHangUp(port, `${head}Transfer-Encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`),
      // A declared length the body never reaches.
      sendAndHangUp(port, `${head}Content-Length: 100\r\n\r\n${body}`),
    ]);
    await waitFor(() => lines().filter((line) => line.msg === "request").length === 3);
    server.close();
    store.close();
    expect(lines().filter((line) => Number(line.level) >= 50)).toEqual([]);
    const aborted = lines().filter((line) => line.msg === "request aborted");
    expect(aborted).toHaveLength(3);
    for (const line of aborted) {
      expect(line).toMatchObject({ level: 40, code: "request_aborted" });
      expect(line).not.toHaveProperty("err");
    }
    // The request line says no one read its status.
    expect(lines().filter((line) => line.msg === "request").map((line) => line.aborted)).toEqual([true, true, true]);
  });
});

/** Sends raw bytes, then closes the connection a moment later without reading the answer. */
function sendAndHangUp(port: number, bytes: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(bytes);
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 100);
    });
    socket.on("error", () => {});
  });
}

async function waitFor(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
