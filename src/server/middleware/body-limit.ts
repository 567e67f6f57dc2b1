import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HttpError } from "../http-error.js";

/** 413 JSON for a body over `maxBytes`, whether it declares its length or streams. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new HttpError(413, "payload_too_large", `the request body is over the limit of ${maxBytes} bytes`);
    },
  });
}
