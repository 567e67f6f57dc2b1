import type { Context } from "hono";
import type { AppEnv } from "./app-env.js";
import { describeError } from "./error-handler.js";
import type { Logger } from "../logger.js";

/**
 * What a streaming route tells its client when the stream fails midway, or undefined when the client
 * itself went away (nothing to tell). Server faults are logged with their request id; the client only
 * ever gets the code and message.
 */
export function streamFailure(c: Context<AppEnv>, logger: Logger, error: unknown, signal: AbortSignal, what: string) {
  if (signal.aborted) {
    logger.info({ requestId: c.get("requestId") }, `${what} closed by the client`);
    return undefined;
  }
  const described = describeError(error);
  if (described.status >= 500) logger.error({ err: error, requestId: c.get("requestId"), code: described.code }, `${what} failed`);
  return described;
}
