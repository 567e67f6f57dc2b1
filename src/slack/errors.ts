import { ChronicleError } from "../errors.js";

/** A POST to a slash command's response_url that failed: an HTTP status, or no response at all. */
export class ResponseUrlError extends ChronicleError {
  /** The HTTP status; undefined when the request never got a response (network error, timeout). */
  readonly status?: number;
  /** Seconds the receiver asked to wait, from Retry-After on a 429. */
  readonly retryAfterSeconds?: number;
  constructor(message: string, fields: { status?: number; retryAfterSeconds?: number; cause?: unknown } = {}) {
    super("slack_response_url_failed", message, { cause: fields.cause });
    this.status = fields.status;
    this.retryAfterSeconds = fields.retryAfterSeconds;
  }
}

/** A reply that could not be delivered after every attempt; `cause` is the last failure. */
export class SlackDeliveryError extends ChronicleError {
  readonly target: string;
  readonly attempts: number;
  constructor(target: string, attempts: number, cause: unknown) {
    super("slack_delivery_failed", `Chronicle Slack: ${target} failed after ${attempts} attempt(s): ${describe(cause)}`, { cause });
    this.target = target;
    this.attempts = attempts;
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
