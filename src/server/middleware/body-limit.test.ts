import { once } from "node:events";
import { connect, type AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../logger.js";
import { fakeChronicle, guardedApp, postJson, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openSqliteStore } from "../../store/index.js";
import { limitBody } from "./body-limit.js";

const TOO_LARGE = { error: { code: "payload_too_large", message: "the request body is over the limit of 1024 bytes" } };

describe("limitBody", () => {
  const app = guardedApp(limitBody(1024));

  it("passes a body within the limit", async () => {
    const res = await app.request("/x", { method: "POST", body: "x".repeat(1024) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { body: string }).body).toHaveLength(1024);
  });

  it("answers 413 JSON for a body that declares a larger length", async () => {
    const res = await app.request("/x", { method: "POST", body: "x".repeat(1025), headers: { "content-length": "1025" } });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual(TOO_LARGE);
  });

  it("answers 413 to a declared length over the limit before reading a byte of the body", async () => {
    let pulls = 0;
    // A body that would never arrive: reading it at all would hang the request.
    const body = new ReadableStream<Uint8Array>({ pull: () => void pulls++ }, { highWaterMark: 0 });
    const res = await app.request(new Request("http://localhost/x", { method: "POST", body, headers: { "content-length": "4096" }, duplex: "half" } as RequestInit));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual(TOO_LARGE);
    expect(pulls).toBe(0);
  }, 2000);

  it("answers a real client that has sent only its headers, declaring 10 MB, with the 413 at once", async () => {
    const store = openSqliteStore({ path: ":memory:", logger: silentLogger });
    const server = serve({ fetch: createApp({ chronicle: fakeChronicle(), config: testConfig(), logger: silentLogger, store }).fetch, port: 0, hostname: "127.0.0.1" });
    await once(server, "listening");
    const socket = connect((server.address() as AddressInfo).port, "127.0.0.1");
    socket.write("POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n");
    let received = "";
    await new Promise<void>((resolve) => {
      socket.on("data", (data) => {
        received += data;
        if (received.endsWith("}}")) resolve();
      });
      socket.on("close", () => resolve());
    });
    socket.destroy();
    server.close();
    store.close();
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toContain('{"error":{"code":"payload_too_large"');
  }, 2000);

  it("answers 413 for a streamed body that grows past the limit", async () => {
    const chunk = new TextEncoder().encode("y".repeat(600));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await app.request(new Request("http://localhost/x", { method: "POST", body, duplex: "half" } as RequestInit));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual(TOO_LARGE);
  });

  it("limits the app's bodies to 64 KB", async () => {
    const store = openSqliteStore({ path: ":memory:", logger: silentLogger });
    const app = createApp({ chronicle: fakeChronicle(), config: testConfig(), logger: silentLogger, store });
    const res = await postJson(app, "/api/chat", { messages: [{ role: "user", content: "z".repeat(65 * 1024) }] });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: "payload_too_large", message: "the request body is over the limit of 65536 bytes" } });
    store.close();
  });
});
