import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../logger.js";
import { fakeChronicle, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openSqliteStore } from "../../store/index.js";

describe("securityHeaders", () => {
  it("puts the security headers on API responses and mounted pages, with a CSP that allows same-origin scripts", async () => {
    const store = openSqliteStore({ path: ":memory:", logger: silentLogger });
    const pages = new Hono().get("/demo", (c) => c.html('<script src="/widget.js"></script>'));
    const app = createApp({ chronicle: fakeChronicle(), config: testConfig(), logger: silentLogger, store, mount: { "/": pages } });
    for (const path of ["/healthz", "/demo", "/api/chronology", "/nowhere"]) {
      const res = await app.request(path);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      // The widget script may be embedded by other sites; CORS decides who may call the API.
      expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*'none'/);
      const permissions = res.headers.get("permissions-policy")!;
      for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(permissions).toContain(`${feature}=()`);
      // Plain HTTP: no HSTS.
      expect(res.headers.has("strict-transport-security")).toBe(false);
    }
    store.close();
  });

  it("sends Strict-Transport-Security only to requests that came over HTTPS", async () => {
    const store = openSqliteStore({ path: ":memory:", logger: silentLogger });
    const app = createApp({ chronicle: fakeChronicle(), config: testConfig(), logger: silentLogger, store });
    const hsts = async (url: string, headers: Record<string, string> = {}) => (await app.request(url, { headers })).headers.get("strict-transport-security");
    expect(await hsts("/healthz", { "x-forwarded-proto": "https" })).toBe("max-age=15552000; includeSubDomains");
    // A chain of proxies: the first value is the client's.
    expect(await hsts("/nowhere", { "x-forwarded-proto": "https, http" })).toBe("max-age=15552000; includeSubDomains");
    expect(await hsts("https://chronicle.example/healthz")).toBe("max-age=15552000; includeSubDomains");
    expect(await hsts("/healthz", { "x-forwarded-proto": "http" })).toBeNull();
    expect(await hsts("/healthz", { "x-forwarded-proto": "http, https" })).toBeNull();
    expect(await hsts("/healthz")).toBeNull();
    store.close();
  });
});
