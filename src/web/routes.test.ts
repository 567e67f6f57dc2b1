import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWidget } from "./build-widget.js";
import { createWebRoutes } from "./routes.js";

describe("createWebRoutes", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "chronicle-web-"));
    await buildWidget({ outdir: join(dir, "built") });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("serves widget.js with caching headers, an ETag, CORS for any origin and a 304 on revalidation", async () => {
    const app = createWebRoutes({ bundleDir: join(dir, "built") });
    const res = await app.request("/widget.js", { headers: { Origin: "https://blog.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(await res.text()).toContain("chronicle-chat");

    const again = await app.request("/widget.js", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
  });

  it("serves a favicon the page links to, under both names browsers ask for", async () => {
    const app = createWebRoutes({ bundleDir: join(dir, "built") });
    for (const path of ["/favicon.svg", "/favicon.ico"]) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml");
      expect(await res.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
    expect(await (await app.request("/")).text()).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
  });

  it("sends it gzipped to clients that accept gzip", async () => {
    const app = createWebRoutes({ bundleDir: join(dir, "built") });
    const res = await app.request("/widget.js", { headers: { "Accept-Encoding": "gzip, br" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toContain("Accept-Encoding");
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toContain("chronicle-chat");
  });

  it("allows only the configured origins when some are set", async () => {
    const app = createWebRoutes({ bundleDir: join(dir, "built"), widgetOrigins: ["https://good.example"] });
    const good = await app.request("/widget.js", { headers: { Origin: "https://good.example" } });
    expect(good.headers.get("access-control-allow-origin")).toBe("https://good.example");
    expect(good.headers.get("vary")).toContain("Origin");
    const other = await app.request("/widget.js", { headers: { Origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const patterns = createWebRoutes({ bundleDir: join(dir, "built"), widgetOrigins: ["https://*.example.org"] });
    const sub = await patterns.request("/widget.js", { headers: { Origin: "https://news.example.org" } });
    expect(sub.headers.get("access-control-allow-origin")).toBe("https://news.example.org");
  });

  it("builds a missing bundle on first request", async () => {
    const app = createWebRoutes({ bundleDir: join(dir, "fresh") });
    const [a, b] = await Promise.all([app.request("/widget.js"), app.request("/page.js")]);
    expect([a.status, b.status]).toEqual([200, 200]);
  });

  it("answers 503 naming npm run build:widget when the bundle is missing and may not be built", async () => {
    const app = createWebRoutes({ bundleDir: join(dir, "missing"), buildIfMissing: false });
    const res = await app.request("/widget.js");
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("widget_not_built");
    expect(body.error.message).toContain("npm run build:widget");
  });

  it("serves the Chronicle page with a strict CSP and the demo page with the one-line embed", async () => {
    const app = createWebRoutes({ bundleDir: join(dir, "built") });
    const page = await app.request("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<chronicle-chat mode="inline"');
    expect(html).toContain('<script src="/page.js" defer></script>');
    const demo = await (await app.request("/demo")).text();
    expect(demo).toContain('<script src="/widget.js" data-title="Ask our documents" async></script>');
  });
});
