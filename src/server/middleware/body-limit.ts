import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HttpError, RequestAbortedError } from "../http-error.js";

/**
 * 413 JSON for a body over `maxBytes`. A body that declares its length over the limit is refused before a
 * byte of it is read, a streamed one as soon as it grows past the limit. What the client still sends
 * after the answer, @hono/node-server drains (for up to half a second), so a client that reads while it
 * sends gets the 413 rather than a reset connection. A streamed body that breaks off is an aborted request.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = () => new HttpError(413, "payload_too_large", `the request body is over the limit of ${maxBytes} bytes`);
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return async (c, next) => {
    if (declaredLength(c) > maxBytes) throw tooLarge();
    let admitted = false;
    try {
      await limit(c, () => {
        admitted = true;
        return next();
      });
    } catch (error) {
      // hono's bodyLimit reads a streamed body whole before admitting it; failing there, the body broke off.
      // A TypeError is a bug (a body read twice), not the client.
      if (admitted || error instanceof HttpError || error instanceof TypeError) throw error;
      throw new RequestAbortedError(error);
    }
  };
}

/** The Content-Length a request declares, or 0 without one; with Transfer-Encoding the length is not declared. */
function declaredLength(c: Context): number {
  if (c.req.header("transfer-encoding")) return 0;
  const length = Number(c.req.header("content-length"));
  return Number.isFinite(length) ? length : 0;
}
