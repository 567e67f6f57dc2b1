import type { MiddlewareHandler } from "hono";
import { HttpError } from "../http-error.js";

// Enough of a path to recognise it in the message; the rest is noise.
const SHOWN_CHARS = 200;

/**
 * 400 JSON for a path whose percent-encoding does not decode ("/api/sources/%E0%A4%A": a cut-off UTF-8
 * sequence, or a "%" without two hex digits). Hono decodes path parameters leniently, keeping escapes it
 * cannot decode as they are, so without this a route would look up "%E0%A4%A" literally and answer as if
 * it were a real id. Used on the routes that read path parameters: elsewhere such a path matches no route.
 */
export function rejectMalformedPath(): MiddlewareHandler {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    try {
      decodeURIComponent(path);
    } catch {
      throw new HttpError(400, "invalid_path", `the request path is not valid percent-encoding: ${JSON.stringify(path.slice(0, SHOWN_CHARS))}`);
    }
    await next();
  };
}
