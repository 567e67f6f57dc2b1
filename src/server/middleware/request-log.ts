import type { MiddlewareHandler } from "hono";
import type { Logger } from "../../logger.js";
import type { AppEnv } from "../app-env.js";
import { RequestAbortedError } from "../http-error.js";

/**
 * One structured line per request once its response is ready: method, path, status, ms and request id,
 * and `aborted: true` when the client went away first, since then no one read that status.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const aborted = c.req.raw.signal.aborted || c.error instanceof RequestAbortedError;
    logger.info({ requestId: c.get("requestId"), method: c.req.method, path: c.req.path, status: c.res.status, ms, ...(aborted ? { aborted } : {}) }, "request");
  };
}
