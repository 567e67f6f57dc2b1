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
