import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HttpError } from "../http-error.js";

// Reading an oversized body to its end before answering lets the client, still sending, read the 413
// instead of a reset connection. Past this, the sender is abusive and the connection is simply closed.
const DRAIN_LIMIT = 8 * 1024 * 1024;

/** 413 JSON for a body over `maxBytes`, whether it declares its length or streams. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: async (c) => {
      await drain(c);
      throw new HttpError(413, "payload_too_large", `the request body is over the limit of ${maxBytes} bytes`);
    },
  });
}

async function drain(c: Context): Promise<void> {
  const body = c.req.raw.body;
  if (!body || body.locked) return;
  const reader = body.getReader();
  let read = 0;
  try {
    while (read < DRAIN_LIMIT) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to drain.
  }
}
