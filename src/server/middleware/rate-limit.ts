import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { AppEnv } from "../app-env.js";
import { HttpError } from "../http-error.js";

/** The outcome of counting one request against its client's window. */
export interface WindowHit {
  allowed: boolean;
  remaining: number;
  /** When the current window ends, in ms since the epoch. */
  resetAt: number;
}

/** Requests counted per client in fixed windows. */
export interface FixedWindowCounter {
  hit(key: string, now: number): WindowHit;
  /** Clients with a window still open. */
  readonly size: number;
}

/**
 * Counts requests per key in fixed windows of `windowMs`. Windows that have ended are pruned at most once
 * per window, so the map holds only the clients seen in the last one.
 */
export function createFixedWindowCounter(limit: number, windowMs: number): FixedWindowCounter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let pruneAt = 0;
  return {
    hit(key, now) {
      if (now >= pruneAt) {
        for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
        pruneAt = now + windowMs;
      }
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + windowMs };
        windows.set(key, window);
      }
      window.count++;
      return { allowed: window.count <= limit, remaining: Math.max(0, limit - window.count), resetAt: window.resetAt };
    },
    get size() {
      return windows.size;
    },
  };
}

/** Options of `rateLimit`. */
export interface RateLimitOptions {
  /** Requests allowed per client per window. */
  limit: number;
  windowMs?: number;
  /** Who a request counts against; by default its API key, else its remote address. */
  keyOf?: (c: Context<AppEnv>) => string;
  now?: () => number;
}

/** The remote address of the connection, or "unknown" when there is no socket (requests made in-process). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

const defaultKey = (c: Context<AppEnv>) => c.get("clientKey") ?? `ip:${clientAddress(c)}`;

/** 429 with Retry-After (seconds) once a client goes over `limit` requests in a window; RateLimit-* headers on every response. */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const { limit, windowMs = 60_000, keyOf = defaultKey, now = Date.now } = options;
  const counter = createFixedWindowCounter(limit, windowMs);
  return async (c, next) => {
    const at = now();
    const hit = counter.hit(keyOf(c), at);
    const reset = Math.max(1, Math.ceil((hit.resetAt - at) / 1000));
    const headers = { "RateLimit-Limit": String(limit), "RateLimit-Remaining": String(hit.remaining), "RateLimit-Reset": String(reset) };
    if (!hit.allowed) {
      throw new HttpError(429, "rate_limited", `rate limit of ${limit} requests per ${windowMs / 1000} s reached; retry in ${reset} s`, {
        headers: { ...headers, "Retry-After": String(reset) },
      });
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
