import { describe, expect, it } from "vitest";
import { silentLogger } from "../../logger.js";
import { fakeChronicle, guardedApp, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openSqliteStore } from "../../store/index.js";
import { originMatcher, widgetCors } from "./widget-cors.js";
import { HttpError } from "../http-error.js";

const preflight = (origin: string) => ({
  method: "OPTIONS",
  headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization" },
});

describe("originMatcher", () => {
  it("reads :* as any port, *. as any subdomain, * as anything", () => {
    expect(originMatcher("http://localhost:*")("http://localhost:5173")).toBe(true);
    expect(originMatcher("http://localhost:*")("http://localhost")).toBe(true);
    expect(originMatcher("http://localhost:*")("http://localhost.evil.com:80")).toBe(false);
    expect(originMatcher("https://*.example.org")("https://news.example.org")).toBe(true);
    expect(originMatcher("https://*.example.org")("https://example.org.evil.com")).toBe(false);
    expect(originMatcher("https://site.example/")("https://site.example")).toBe(true);
    expect(originMatcher("*")("https://anything.test")).toBe(true);
  });
});

describe("widgetCors", () => {
  it("allows local development origins by default", async () => {
    const app = guardedApp(widgetCors([]));
    const res = await app.request("/x", preflight("http://127.0.0.1:3000"));
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:3000");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/Authorization/i);
    const get = await app.request("/x", { headers: { origin: "http://localhost:8080" } });
    expect(get.headers.get("access-control-allow-origin")).toBe("http://localhost:8080");
  });

  it("grants an allowed origin on the route's own response, its body and headers kept, and varies every response by origin", async () => {
    const app = guardedApp(widgetCors(["https://news.example.org"]), async (c, next) => {
      await next();
      c.res.headers.set("X-Request-Id", "r-1");
    });
    const res = await app.request("/x", { method: "POST", headers: { origin: "https://news.example.org" }, body: "hello" });
    expect(await res.json()).toEqual({ ok: true, body: "hello" });
    expect(res.headers.get("access-control-allow-origin")).toBe("https://news.example.org");
    expect(res.headers.get("access-control-expose-headers")).toMatch(/RateLimit-Remaining/);
    expect(res.headers.get("vary")).toMatch(/Origin/);
    expect(res.headers.get("x-request-id")).toBe("r-1");
    const plain = await app.request("/x");
    expect(plain.headers.get("access-control-allow-origin")).toBeNull();
    expect(plain.headers.get("access-control-expose-headers")).toBeNull();
    expect(plain.headers.get("vary")).toMatch(/Origin/);
  });

  it("lets a refused request's error through with the grant, so the widget can read why", async () => {
    const app = guardedApp(widgetCors([]), () => {
      throw new HttpError(429, "rate_limited", "slow down");
    });
    const res = await app.request("/x", { headers: { origin: "http://localhost:5173" } });
    expect(res.status).toBe(429);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect((await res.json()).error.code).toBe("rate_limited");
  });

  it("gives no CORS grant to other origins", async () => {
    const res = await guardedApp(widgetCors([])).request("/x", { headers: { origin: "https://evil.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows exactly WIDGET_ORIGINS when set, and answers their preflight without an API key", async () => {
    const store = openSqliteStore({ path: ":memory:", logger: silentLogger });
    const app = createApp({
      chronicle: fakeChronicle(),
      config: testConfig({ WIDGET_ORIGINS: ["https://news.example.org"], API_KEYS: ["k"] }),
      logger: silentLogger,
      store,
    });
    const ok = await app.request("/api/chat", preflight("https://news.example.org"));
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://news.example.org");
    const local = await app.request("/api/chat", preflight("http://localhost:5173"));
    expect(local.headers.get("access-control-allow-origin")).toBeNull();
    store.close();
  });
});
