import type { MiddlewareHandler } from "hono";
import { HttpError } from "../http-error.js";

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * Requires a JSON body: 415 for another content type, 400 for JSON that does not parse. Hono caches the
 * parsed body, so the validator that follows reads it without parsing again.
 */
export function jsonBody(): MiddlewareHandler {
  return async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    if (!JSON_TYPE.test(type)) {
      throw new HttpError(415, "unsupported_media_type", `expected Content-Type: application/json, got ${type ? JSON.stringify(type) : "none"}`);
    }
    try {
      await c.req.json();
    } catch (error) {
      throw new HttpError(400, "invalid_json", "the request body is not valid JSON", { cause: error });
    }
    await next();
  };
}
