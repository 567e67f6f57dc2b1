import { describe, expect, it } from "vitest";
import { silentLogger } from "../../logger.js";
import { fakeChronicle, guardedApp, postJson, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openFeedbackStore } from "../feedback-store.js";
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
    const feedback = openFeedbackStore({ path: ":memory:", logger: silentLogger });
    const app = createApp({ chronicle: fakeChronicle(), config: testConfig(), logger: silentLogger, feedback });
    const res = await postJson(app, "/api/chat", { messages: [{ role: "user", content: "z".repeat(65 * 1024) }] });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: "payload_too_large", message: "the request body is over the limit of 65536 bytes" } });
    feedback.close();
  });
});
