import type { MiddlewareHandler } from "hono";
import { HttpError, RequestAbortedError } from "../http-error.js";

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * Requires a JSON body: 415 for another content type or for a compressed body, 400 for JSON that does not
 * parse. Hono caches the body, so the validator that follows reads it without reading the request again.
 */
export function jsonBody(): MiddlewareHandler {
  return async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    if (!JSON_TYPE.test(type)) {
      throw new HttpError(415, "unsupported_media_type", `expected Content-Type: application/json, got ${type ? JSON.stringify(type) : "none"}`);
    }
    // Nothing here inflates bodies: a compressed one would only fail to parse, and its size would escape the
    // body limit, which counts the bytes as sent.
    const encoding = c.req.header("content-encoding") ?? "";
    if (encoding.split(",").some((coding) => !["", "identity"].includes(coding.trim().toLowerCase()))) {
      throw new HttpError(415, "unsupported_media_type", `request bodies must not be compressed; send the JSON without Content-Encoding (got ${JSON.stringify(encoding)})`);
    }
    try {
      await c.req.text();
    } catch (error) {
      // A TypeError is a bug (a body read twice); anything else is the body breaking off.
      if (error instanceof TypeError) throw error;
      throw new RequestAbortedError(error);
    }
    try {
      await c.req.json();
    } catch (error) {
      throw new HttpError(400, "invalid_json", "the request body is not valid JSON", { cause: error });
    }
    await next();
  };
}
