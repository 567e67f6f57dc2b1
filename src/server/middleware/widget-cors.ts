import type { MiddlewareHandler } from "hono";

/** Origins allowed when WIDGET_ORIGINS is empty: local development pages. The server's own pages need no CORS. */
export const DEFAULT_WIDGET_ORIGINS = ["http://localhost:*", "http://127.0.0.1:*"];

/** "http://localhost:*" matches any port; "https://*.example.org" any subdomain; "*" anything. */
export function originMatcher(pattern: string): (origin: string) => boolean {
  if (pattern === "*") return () => true;
  const source = pattern
    .replace(/\/+$/, "")
    .split(/(:\*|\*)/)
    .map((part) => (part === ":*" ? "(?::\\d{1,5})?" : part === "*" ? "[a-z0-9-]+(?:\\.[a-z0-9-]+)*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  const re = new RegExp(`^${source}$`, "i");
  return (origin) => re.test(origin);
}

const ALLOW_METHODS = "GET,POST,OPTIONS";
const ALLOW_HEADERS = "Content-Type,Authorization,X-Request-Id";
const EXPOSE_HEADERS = "Retry-After,X-Request-Id,RateLimit-Limit,RateLimit-Remaining,RateLimit-Reset";
const PREFLIGHT_MAX_AGE = "600";

/**
 * CORS for the API, limited to the widget's origins: a preflight is answered here, and a grant is added to
 * the response of an allowed origin. Written here rather than taken from hono/cors, which sets its headers
 * through `c.header()` after the route has answered: that rebuilds the finished response around a web
 * stream of its body on every request, and the adapter must then read the stream back to send it. Adding
 * them to `c.res.headers` keeps the response as the route made it.
 */
export function widgetCors(origins: readonly string[]): MiddlewareHandler {
  const matchers = (origins.length ? origins : DEFAULT_WIDGET_ORIGINS).map(originMatcher);
  const granted = (origin: string | undefined) => (origin && matchers.some((match) => match(origin)) ? origin : undefined);
  return async (c, next) => {
    const origin = granted(c.req.header("origin"));
    if (c.req.method === "OPTIONS") {
      const headers: Record<string, string> = {
        "Access-Control-Allow-Methods": ALLOW_METHODS,
        "Access-Control-Allow-Headers": ALLOW_HEADERS,
        "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
        Vary: "Origin, Access-Control-Request-Headers",
      };
      if (origin) headers["Access-Control-Allow-Origin"] = origin;
      return c.body(null, 204, headers);
    }
    await next();
    // The answer depends on the origin, so a shared cache must keep one copy per origin.
    const headers = c.res.headers;
    headers.append("Vary", "Origin");
    if (origin) {
      headers.set("Access-Control-Allow-Origin", origin);
      headers.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }
  };
}
