import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../logger.js";
import { fakeChronicle, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openFeedbackStore } from "../feedback-store.js";

describe("securityHeaders", () => {
  it("puts the security headers on API responses and mounted pages, with a CSP that allows same-origin scripts", async () => {
    const feedback = openFeedbackStore({ path: ":memory:", logger: silentLogger });
    const pages = new Hono().get("/demo", (c) => c.html('<script src="/widget.js"></script>'));
    const app = createApp({ chronicle: fakeChronicle(), config: testConfig(), logger: silentLogger, feedback, mount: { "/": pages } });
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
    }
    feedback.close();
  });
});
