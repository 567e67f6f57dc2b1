import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ChronicleError } from "../errors.js";

/** A request failure with the HTTP status it answers with; the error handler writes it as JSON. */
export class HttpError extends ChronicleError {
  readonly status: ContentfulStatusCode;
  /** Extra response headers, such as Retry-After. */
  readonly headers: Record<string, string>;
  constructor(status: ContentfulStatusCode, code: string, message: string, options: { cause?: unknown; headers?: Record<string, string> } = {}) {
    super(code, message, { cause: options.cause });
    this.status = status;
    this.headers = options.headers ?? {};
  }
}

/** 503 while the index is still loading, or when a part (feedback storage) is down. */
export function unavailable(code: string, message: string, cause?: unknown): HttpError {
  return new HttpError(503, code, message, { cause });
}

/** 404 for a thing the caller named that does not exist; `hint` says what would exist. */
export function notFound(what: string, hint?: string): HttpError {
  return new HttpError(404, "not_found", `${what} not found${hint ? `: ${hint}` : ""}`);
}

/**
 * The request ended before it was whole: its body was cut off (the client went away mid-body, or sent
 * chunked encoding that does not parse). No client is left to read the answer, so the error handler logs
 * it as an aborted request, not as a failure of the server.
 */
export class RequestAbortedError extends HttpError {
  constructor(cause: unknown) {
    super(400, "request_aborted", "the request body was cut off before its end", { cause });
  }
}
