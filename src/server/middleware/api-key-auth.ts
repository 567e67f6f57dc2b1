import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";
import { HttpError } from "../http-error.js";

/** Options of `apiKeyAuth`. */
export interface ApiKeyAuthOptions {
  /** Accepted keys; none turns the check off. */
  keys: readonly string[];
}

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="chronicle"' };

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/**
 * Requires `Authorization: Bearer <key>` with one of the configured keys. Keys are compared as SHA-256
 * digests with timingSafeEqual, so neither the comparison nor the keys' lengths leak through timing,
 * and every key is compared so the time does not tell which one matched. Sets `clientKey` for the rate limit.
 */
export function apiKeyAuth(options: ApiKeyAuthOptions): MiddlewareHandler<AppEnv> {
  const keys = options.keys.map(digest);
  if (!keys.length) return async (_c, next) => next();
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new HttpError(401, "unauthorized", "an API key is required: send Authorization: Bearer <key>", { headers: CHALLENGE });
    const given = digest(m[1]);
    let matched = false;
    for (const key of keys) matched = timingSafeEqual(key, given) || matched;
    if (!matched) throw new HttpError(401, "unauthorized", "the API key is not valid", { headers: CHALLENGE });
    // A fingerprint, never the key itself: it ends up in rate-limit maps and may reach logs.
    c.set("clientKey", `key:${given.toString("hex").slice(0, 16)}`);
    await next();
  };
}
