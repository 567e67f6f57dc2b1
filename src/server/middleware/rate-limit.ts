import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { HttpError } from "../http-error.js";
import { addressOf } from "./client-address.js";

/** Options of `rateLimit`. */
export interface RateLimitOptions {
  /** Requests allowed per client per window. */
  limit: number;
  windowMs?: number;
  /** Who a request counts against; by default its API key, else its remote address. */
  keyOf?: (c: Context<AppEnv>) => string;
  /** Where requests are counted: by default this process; a Redis one counts every replica's requests together. */
  limiter?: RateLimiterAbstract;
}

/** Counts in this process: the default, and each replica's own count while a shared store is down. */
export function memoryLimiter(limit: number, windowMs: number): RateLimiterAbstract {
  return new RateLimiterMemory({ points: limit, duration: windowMs / 1000 });
}

const defaultKey = (c: Context<AppEnv>) => c.get("clientKey") ?? `ip:${addressOf(c)}`;

/**
 * 429 with Retry-After (seconds) once a client goes over `limit` requests in a fixed window; RateLimit-*
 * headers on every response. Counting that fails (a store that is down and has no fallback) lets the
 * request through: a limiter must not turn an outage of its store into an outage of the API.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const { limit, windowMs = 60_000, keyOf = defaultKey } = options;
  const limiter = options.limiter ?? memoryLimiter(limit, windowMs);
  return async (c, next) => {
    let counted: RateLimiterRes;
    try {
      counted = await limiter.consume(keyOf(c));
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) return next();
      const reset = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new HttpError(429, "rate_limited", `rate limit of ${limit} requests per ${windowMs / 1000} s reached; retry in ${reset} s`, {
        headers: { ...headersOf(limit, refusal), "Retry-After": String(reset) },
      });
    }
    await next();
    for (const [name, value] of Object.entries(headersOf(limit, counted))) c.res.headers.set(name, value);
  };
}

function headersOf(limit: number, counted: RateLimiterRes): Record<string, string> {
  return {
    "RateLimit-Limit": String(limit),
    "RateLimit-Remaining": String(Math.max(0, counted.remainingPoints)),
    "RateLimit-Reset": String(Math.max(1, Math.ceil(counted.msBeforeNext / 1000))),
  };
}
