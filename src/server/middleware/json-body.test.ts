import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../logger.js";
import { fakeChronicle, guardedApp, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openSqliteStore } from "../../store/index.js";
import { jsonBody } from "./json-body.js";

// Bytes, not a string: a string body would get a text/plain type from Request itself.
const post = (body: string, headers: Record<string, string>) =>
  guardedApp(jsonBody()).request("/x", { method: "POST", body: new TextEncoder().encode(body), headers });

describe("jsonBody", () => {
  it("passes JSON bodies, with a charset or a +json type", async () => {
    expect((await post('{"a":1}', { "content-type": "application/json" })).status).toBe(200);
    expect((await post('{"a":1}', { "content-type": "application/json; charset=utf-8" })).status).toBe(200);
    expect((await post('{"a":1}', { "content-type": "application/vnd.api+json" })).status).toBe(200);
  });

  it.each([
    ["text/plain", { "content-type": "text/plain" }, 'expected Content-Type: application/json, got "text/plain"'],
    ["a form", { "content-type": "application/x-www-form-urlencoded" }, 'expected Content-Type: application/json, got "application/x-www-form-urlencoded"'],
    ["no content type", {}, "expected Content-Type: application/json, got none"],
  ])("answers 415 for %s", async (_name, headers, message) => {
    const res = await post('{"a":1}', headers);
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: { code: "unsupported_media_type", message } });
  });

  it("answers 415 for a compressed body, naming its encoding", async () => {
    for (const encoding of ["gzip", "br", "identity, gzip"]) {
      const res = await post('{"a":1}', { "content-type": "application/json", "content-encoding": encoding });
      expect(res.status).toBe(415);
      expect(await res.json()).toEqual({
        error: { code: "unsupported_media_type", message: `request bodies must not be compressed; send the JSON without Content-Encoding (got ${JSON.stringify(encoding)})` },
      });
    }
    expect((await post('{"a":1}', { "content-type": "application/json", "content-encoding": "identity" })).status).toBe(200);
  });

  it("answers 400 for malformed JSON", async () => {
    const res = await post('{"question": "When', { "content-type": "application/json" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_json", message: "the request body is not valid JSON" } });
  });

  it("guards the app's POST routes", async () => {
    const store = openSqliteStore({ path: ":memory:", logger: silentLogger });
    const app = createApp({ chronicle: fakeChronicle(), config: testConfig(), logger: silentLogger, store });
    for (const path of ["/api/ask", "/api/chat", "/api/feedback", "/v1/chat/completions"]) {
      expect((await app.request(path, { method: "POST", body: "question=hi", headers: { "content-type": "text/plain" } })).status).toBe(415);
      expect((await app.request(path, { method: "POST", body: "{", headers: { "content-type": "application/json" } })).status).toBe(400);
      const gzipped = new Uint8Array(gzipSync('{"question":"When?"}'));
      expect((await app.request(path, { method: "POST", body: gzipped, headers: { "content-type": "application/json", "content-encoding": "gzip" } })).status).toBe(415);
    }
    store.close();
  });
});
