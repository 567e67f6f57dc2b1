import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Hono, type Context } from "hono";
import { originMatcher } from "../server/middleware/widget-cors.js";
import { BUNDLES, buildWidget, DEFAULT_BUNDLE_DIR, type BundleName } from "./build-widget.js";
import { chroniclePage, demoPage, FAVICON_SVG } from "./pages.js";

export interface WebRoutesOptions {
  /**
   * Sites allowed to fetch widget.js with CORS, as WIDGET_ORIGINS writes them ("https://*.example.org",
   * "http://localhost:*"); empty or "*" allows any. The API's own CORS is the server's: this covers the script.
   */
  widgetOrigins?: string[];
  /** Folder holding widget.js and page.js; defaults to dist/widget at the project root. */
  bundleDir?: string;
  /** Build the bundles with esbuild on first request when they are missing (the default). */
  buildIfMissing?: boolean;
}

interface Asset {
  version: string;
  body: Uint8Array;
  gzip: Uint8Array;
  etag: string;
}

const CACHE_CONTROL = "public, max-age=300";
const SCRIPT_TYPE = "application/javascript; charset=utf-8";

/** Raised when a bundle is missing and cannot be built here; answered as a 503 naming the fix. */
export class WidgetNotBuiltError extends Error {
  readonly code = "widget_not_built";
  constructor(file: string, options?: { cause?: unknown }) {
    const reason = options?.cause instanceof Error ? ` (${options.cause.message.split("\n")[0]})` : "";
    super(`Chronicle: the widget bundle ${file} is missing${reason}. Run \`npm run build:widget\`.`, options);
    this.name = "WidgetNotBuiltError";
  }
}

/**
 * The browser side of Chronicle: GET /widget.js (the embeddable chat), GET /page.js, GET / (the
 * chat beside the chronology) and GET /demo (a sample host site embedding the widget).
 * Mount with `app.route("/", createWebRoutes({ widgetOrigins }))`.
 */
export function createWebRoutes(options: WebRoutesOptions = {}): Hono {
  const origins = options.widgetOrigins ?? [];
  const anyOrigin = origins.length === 0 || origins.includes("*");
  const matchers = origins.map(originMatcher);
  const assets = createAssetLoader(options.bundleDir ?? DEFAULT_BUNDLE_DIR, options.buildIfMissing ?? true);
  const app = new Hono();

  const script = (name: BundleName, cors: boolean) => async (c: Context) => {
    let asset: Asset;
    try {
      asset = await assets.get(name);
    } catch (error) {
      const message = error instanceof WidgetNotBuiltError ? error.message : `Chronicle: the widget bundle ${BUNDLES[name]} could not be read.`;
      return c.json({ error: { code: "widget_not_built", message } }, 503, { "Cache-Control": "no-store" });
    }
    const vary = ["Accept-Encoding"];
    c.header("Cache-Control", CACHE_CONTROL);
    c.header("ETag", asset.etag);
    c.header("X-Content-Type-Options", "nosniff");
    if (cors) {
      const origin = c.req.header("Origin");
      if (anyOrigin) c.header("Access-Control-Allow-Origin", "*");
      else {
        vary.push("Origin");
        if (origin && matchers.some((match) => match(origin))) c.header("Access-Control-Allow-Origin", origin);
      }
    }
    c.header("Vary", vary.join(", "));
    if (etagMatches(c.req.header("If-None-Match"), asset.etag)) return c.body(null, 304);
    c.header("Content-Type", SCRIPT_TYPE);
    if (/\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "")) {
      c.header("Content-Encoding", "gzip");
      return c.body(asset.gzip as Uint8Array<ArrayBuffer>);
    }
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  };

  app.get("/widget.js", script("widget", true));
  app.get("/page.js", script("page", false));
  // Browsers ask for /favicon.ico whatever the page says; both names get the same small SVG.
  for (const path of ["/favicon.svg", "/favicon.ico"]) {
    app.get(path, (c) => {
      c.header("Content-Type", "image/svg+xml");
      c.header("Cache-Control", "public, max-age=86400");
      return c.body(FAVICON_SVG);
    });
  }
  app.get("/", (c) => {
    c.header("Cache-Control", "no-cache");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    // Same-origin scripts only: even if text ever slipped into markup, no inline handler could run.
    c.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'");
    return c.html(chroniclePage());
  });
  // No CSP here on purpose: it stands for a third-party site, which the widget must be safe on without one.
  app.get("/demo", (c) => {
    c.header("Cache-Control", "no-cache");
    return c.html(demoPage());
  });
  return app;
}

/** Reads bundles from disk, re-reading when a rebuild changes them, and builds them once if missing. */
function createAssetLoader(dir: string, buildIfMissing: boolean): { get(name: BundleName): Promise<Asset> } {
  const cache = new Map<BundleName, Asset>();
  let building: Promise<unknown> | undefined;

  const read = async (name: BundleName): Promise<Asset> => {
    const path = join(dir, BUNDLES[name]);
    const info = await stat(path);
    const version = `${info.mtimeMs}:${info.size}`;
    const cached = cache.get(name);
    if (cached?.version === version) return cached;
    const body = await readFile(path);
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    const asset = { version, body, gzip: gzipSync(body, { level: 9 }), etag };
    cache.set(name, asset);
    return asset;
  };

  return {
    async get(name) {
      try {
        return await read(name);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        if (!buildIfMissing) throw new WidgetNotBuiltError(join(dir, BUNDLES[name]));
      }
      // Concurrent first requests share one build.
      building ??= buildWidget({ outdir: dir }).finally(() => (building = undefined));
      try {
        await building;
        return await read(name);
      } catch (error) {
        throw new WidgetNotBuiltError(join(dir, BUNDLES[name]), { cause: error });
      }
    },
  };
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
