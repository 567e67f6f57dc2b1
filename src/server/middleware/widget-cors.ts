import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";

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

/** CORS for the API, limited to the widget's origins. */
export function widgetCors(origins: readonly string[]): MiddlewareHandler {
  const matchers = (origins.length ? origins : DEFAULT_WIDGET_ORIGINS).map(originMatcher);
  return cors({
    origin: (origin) => (origin && matchers.some((match) => match(origin)) ? origin : null),
    allowMethods: ["GET", "POST", "OPTIONS"],
    allowHeaders: ["Content-Type", "Authorization", "X-Request-Id"],
    exposeHeaders: ["Retry-After", "X-Request-Id", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"],
    maxAge: 600,
  });
}
