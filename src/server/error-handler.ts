import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ChronicleError, DependencyUnavailableError, InvalidInputError } from "../errors.js";
import type { Logger } from "../logger.js";
import { HttpError, RequestAbortedError } from "./http-error.js";

/** The body of every error response: a stable code for programs, a message for people. */
export interface ErrorBody {
  error: { code: string; message: string };
}

// Codes for HTTPExceptions thrown by Hono itself and its middleware, which carry only a status.
const CODE_BY_STATUS: Record<number, string> = {
  400: "invalid_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
  413: "payload_too_large", 415: "unsupported_media_type", 429: "rate_limited", 503: "unavailable",
};

/** What an error becomes in a response: status, code, message and headers. Unknown errors say nothing of themselves. */
export function describeError(error: unknown): { status: ContentfulStatusCode; code: string; message: string; headers: Record<string, string> } {
  if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message, headers: error.headers };
  if (error instanceof InvalidInputError) return { status: 400, code: error.code, message: error.message, headers: {} };
  // A database or Redis that is down comes back by itself: the client is told to try again shortly.
  if (error instanceof DependencyUnavailableError) return { status: 503, code: error.code, message: error.message, headers: { "Retry-After": "5" } };
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    return { status, code: CODE_BY_STATUS[status] ?? (status >= 500 ? "internal" : "invalid_request"), message: error.message || defaultMessage(status), headers: {} };
  }
  if (error instanceof ChronicleError) return { status: 500, code: error.code, message: error.message, headers: {} };
  return { status: 500, code: "internal", message: "internal error", headers: {} };
}

function defaultMessage(status: number): string {
  return CODE_BY_STATUS[status]?.replace(/_/g, " ") ?? "request failed";
}

/**
 * The one place a failed request becomes JSON: known errors keep their status, others are a bare 500.
 * Only those others are logged at error level with their stack: a request the server refused on purpose
 * (4xx at info; 5xx such as the 503 while the index loads at warn) has no stack worth reading, and a
 * request its client abandoned is logged as aborted, at warn.
 */
export function createErrorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    const { status, code, message, headers } = describeError(error);
    const requestId = requestIdOf(c);
    // HttpErrors and Hono's HTTPExceptions are answers the server chose; any other 500 is a fault.
    const fault = status >= 500 && !(error instanceof HttpError || error instanceof HTTPException || error instanceof DependencyUnavailableError);
    if (error instanceof RequestAbortedError || abandonedByClient(error, c)) logger.warn({ requestId, code: "request_aborted" }, "request aborted");
    else if (fault) logger.error({ err: error, requestId, code }, "request failed");
    else if (status >= 500) logger.warn({ requestId, code, message, ...causeOf(error) }, "request refused");
    else logger.info({ requestId, code, message }, "request refused");
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    return c.json<ErrorBody>({ error: { code, message } }, status);
  };
}

/**
 * Whether a failure only followed from the client going away: reading the rest of its body fails with
 * ECONNRESET, and work given the request's signal stops with an AbortError. The signal says the client
 * is gone; the error's kind says that is why it failed.
 */
function abandonedByClient(error: unknown, c: Context): boolean {
  if (!c.req.raw.signal.aborted) return false;
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  return code === "ECONNRESET" || name === "AbortError" || error === c.req.raw.signal.reason;
}

/** The message of what led to a deliberate 5xx, if anything did; its stack was logged where it happened. */
function causeOf(error: unknown): { cause?: string } {
  const cause = (error as { cause?: unknown }).cause;
  if (cause === undefined) return {};
  return { cause: cause instanceof Error ? cause.message : String(cause) };
}

/** 404 as JSON, naming the path that has no route. */
export const notFoundHandler: NotFoundHandler = (c) =>
  c.json<ErrorBody>({ error: { code: "not_found", message: `no route for ${c.req.method} ${c.req.path}` } }, 404);

function requestIdOf(c: Context): string | undefined {
  return c.get("requestId" as never) as string | undefined;
}
