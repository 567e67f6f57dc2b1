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
    const declared = declaredLength(c);
    if (declared !== undefined) {
      if (declared > maxBytes) throw tooLarge();
      // Node's parser holds a body to the length it declares, so there is nothing left to count. Going on
      // without hono's bodyLimit, which touches the request's body stream, lets the route read the body
      // straight from the socket instead of through a web stream built for it.
      return next();
    }
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

/** The Content-Length a request declares, if it declares one; with Transfer-Encoding the length is not declared. */
function declaredLength(c: Context): number | undefined {
  if (c.req.header("transfer-encoding")) return undefined;
  const header = c.req.header("content-length");
  if (header === undefined) return undefined;
  const length = Number(header);
  return Number.isFinite(length) ? length : undefined;
}
