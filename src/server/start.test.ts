import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import type { AskResult, Chronicle } from "../chronicle.js";
import { silentLogger } from "../logger.js";
import { parseSse, slowChronicle, testConfig, useSharedChronicle } from "../../test-support/server-test-kit.js";
import { startServer } from "./start.js";

let chronicle: Chronicle;
const { store } = useSharedChronicle((opened) => (chronicle = opened));
const base = { port: 0, host: "127.0.0.1", logger: silentLogger, store, config: testConfig() };

const ask = (url: string, question: string) =>
  fetch(`${url}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });

describe("startServer", () => {
  it("listens before the index is loaded: /healthz at once, /readyz 503 until ready", async () => {
    let resolve!: (c: Chronicle) => void;
    const server = await startServer({ ...base, chronicle: new Promise<Chronicle>((r) => (resolve = r)) });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const loading = await fetch(`${server.url}/readyz`);
      expect(loading.status).toBe(503);
      expect(await loading.json()).toEqual({ status: "loading" });
      expect((await ask(server.url, "When did Putin visit China?")).status).toBe(503);
      resolve(chronicle);
      await server.ready;
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect((await ask(server.url, "When did Putin visit China?")).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("opens the index itself when given none, and closes it with the server", async () => {
    const server = await startServer({ ...base });
    try {
      const loaded = await server.ready;
      expect(loaded.chunks.length).toBeGreaterThan(0);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("answers a request that cannot be parsed with a JSON 400, not an empty one", async () => {
    const server = await startServer({ ...base, chronicle });
    const { port } = new URL(server.url);
    const raw = (request: string) => new Promise<string>((resolve, reject) => {
      let reply = "";
      const socket = connect(Number(port), "127.0.0.1", () => socket.write(request));
      socket.on("data", (data) => (reply += data));
      socket.on("end", () => resolve(reply));
      socket.on("error", reject);
    });
    try {
      for (const request of ["GET /\u0001bad HTTP/1.1\r\nHost: x\r\n\r\n", "NOT-HTTP\r\n\r\n"]) {
        const reply = await raw(request);
        expect(reply).toMatch(/^HTTP\/1\.1 400/);
        expect(JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4))).toMatchObject({ error: { code: "invalid_request" } });
      }
    } finally {
      await server.close();
    }
  });

  it("fails to start on a port already taken", async () => {
    const taken = await new Promise<Server>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => resolve(s));
    });
    try {
      await expect(startServer({ ...base, chronicle, port: (taken.address() as AddressInfo).port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

describe("graceful shutdown", () => {
  it("refuses new connections but lets a slow request in flight finish", async () => {
    const server = await startServer({ ...base, chronicle: slowChronicle(chronicle, 400) });
    const inFlight = ask(server.url, "When did Putin visit China?");
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const closed = server.close();

    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as AskResult).answer).toContain("May 16-17, 2024");
    await closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it("lets an SSE answer in flight run to its done event", async () => {
    const server = await startServer({ ...base, chronicle: slowChronicle(chronicle, 300) });
    const res = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ stream: true, messages: [{ role: "user", content: "When did Li Qiang visit Moscow?" }] }),
    });
    const closed = server.close();
    const events = parseSse(await res.text());
    expect(events.at(-1)?.event).toBe("done");
    await closed;
  });

  it("cuts what is still running after the shutdown timeout", async () => {
    const hanging: Chronicle = { ...chronicle, ask: () => new Promise<AskResult>(() => {}) };
    const server = await startServer({ ...base, chronicle: hanging, shutdownTimeoutMs: 150 });
    const inFlight = ask(server.url, "Will this ever answer?").then(() => "answered", () => "cut");
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await inFlight).toBe("cut");
  });
});
