import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";
import type { ChronicleState } from "../chronicle-state.js";
import { HttpError } from "../http-error.js";

/** 503 until the index is loaded; afterwards hands the chronicle to the handler as `c.get("chronicle")`. */
export function requireReady(state: ChronicleState): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const chronicle = state.current();
    if (!chronicle) {
      if (state.status === "failed") throw new HttpError(503, "not_ready", "the index failed to load; see the server log");
      throw new HttpError(503, "not_ready", "the index is still loading; try again in a few seconds", { headers: { "Retry-After": "5" } });
    }
    c.set("chronicle", chronicle);
    await next();
  };
}
