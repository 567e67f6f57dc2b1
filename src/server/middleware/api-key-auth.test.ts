import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../logger.js";
import { fakeChronicle, guardedApp, postJson, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openSqliteStore } from "../../store/index.js";
import { apiKeyAuth } from "./api-key-auth.js";

const store = openSqliteStore({ path: ":memory:", logger: silentLogger });
afterAll(() => store.close());

const UNAUTHORIZED = { error: { code: "unauthorized", message: expect.any(String) } };

describe("apiKeyAuth", () => {
  const app = guardedApp(apiKeyAuth({ keys: ["alpha-key", "beta-key"] }));

  it("lets everything through when no keys are configured", async () => {
    expect((await guardedApp(apiKeyAuth({ keys: [] })).request("/x")).status).toBe(200);
  });

  it("answers 401 JSON with a Bearer challenge when the header is missing", async () => {
    const res = await app.request("/x");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="chronicle"');
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "an API key is required: send Authorization: Bearer <key>" } });
  });

  it.each([
    ["a wrong key", "Bearer gamma-key"],
    ["a prefix of a key", "Bearer alpha"],
    ["a key with more after it", "Bearer alpha-key-and-more"],
    ["another scheme", "Basic YWxwaGEta2V5"],
    ["an empty bearer", "Bearer "],
  ])("answers 401 for %s", async (_name, authorization) => {
    const res = await app.request("/x", { headers: { authorization } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(UNAUTHORIZED);
  });

  it("accepts any configured key and passes on a fingerprint, not the key", async () => {
    for (const key of ["alpha-key", "beta-key"]) {
      const res = await app.request("/x", { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
      const { clientKey } = (await res.json()) as { clientKey: string };
      expect(clientKey).toMatch(/^key:[0-9a-f]{16}$/);
      expect(clientKey).not.toContain(key);
    }
  });

  it("guards /api/* and /v1/* of the app, but not health checks or mounted pages", async () => {
    const pages = new Hono().get("/", (c) => c.html("<script src=\"/widget.js\"></script>"));
    const full = createApp({ chronicle: fakeChronicle(), config: testConfig({ API_KEYS: ["k1"] }), logger: silentLogger, store, mount: { "/": pages } });
    expect((await postJson(full, "/api/ask", { question: "Why?" })).status).toBe(401);
    expect((await full.request("/api/chronology")).status).toBe(401);
    expect((await full.request("/v1/models")).status).toBe(401);
    expect((await postJson(full, "/api/ask", { question: "Why?" }, { authorization: "Bearer k1" })).status).toBe(200);
    expect((await full.request("/v1/models", { headers: { authorization: "Bearer k1" } })).status).toBe(200);
    expect((await full.request("/healthz")).status).toBe(200);
    expect((await full.request("/readyz")).status).toBe(200);
    expect((await full.request("/")).status).toBe(200);
  });
});
