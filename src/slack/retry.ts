import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import type { Logger } from "../logger.js";
import { describe, ResponseUrlError, SlackDeliveryError } from "./errors.js";

/** How hard a reply is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Backoff before the second attempt; doubled for each one after. */
  baseDelayMs: number;
  /** Ceiling on a Retry-After wait, so one rate limit cannot hold a reply for minutes. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxRetryAfterMs: 30_000 };

/** Whether a failure is worth another attempt, and how long the server asked to wait first. */
export type RetryDecision = { retry: false } | { retry: true; retryAfterMs?: number };

/** Platform errors Slack documents as transient. */
const TRANSIENT_PLATFORM_ERRORS = new Set(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

/**
 * Sorts a failure from WebClient or a response_url POST: rate limits and 5xx and network failures are
 * retried; anything else (a bad channel, a revoked token, a 4xx) would fail the same way again.
 */
export function retryDecision(error: unknown): RetryDecision {
  if (error instanceof WebAPIRateLimitedError) return { retry: true, retryAfterMs: error.retryAfter * 1000 };
  if (error instanceof WebAPIHTTPError) return { retry: error.statusCode >= 500 };
  if (error instanceof WebAPIRequestError) return { retry: true };
  if (error instanceof WebAPIPlatformError) return { retry: TRANSIENT_PLATFORM_ERRORS.has(error.data.error) };
  if (error instanceof ResponseUrlError) {
    if (error.status === 429) return { retry: true, retryAfterMs: (error.retryAfterSeconds ?? 1) * 1000 };
    return { retry: error.status === undefined || error.status >= 500 };
  }
  return { retry: false };
}

export interface RetryOptions {
  policy: RetryPolicy;
  logger: Logger;
  /** Names the call in logs and errors, e.g. "chat.postMessage". */
  target: string;
  /** Fields added to every log line (channel, thread). */
  fields?: Record<string, unknown>;
  sleep?: (ms: number) => Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `task` until it succeeds, fails for good, or runs out of attempts; logs every failure.
 * The one place replies are retried, so WebClient's own retries stay off.
 * @throws SlackDeliveryError carrying the last failure as its cause.
 */
export async function withRetry<T>(task: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy, logger, target, fields = {} } = options;
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      const decision = retryDecision(error);
      const last = !decision.retry || attempt >= policy.attempts;
      const delayMs = last ? 0 : delay(decision, attempt, policy);
      logger.warn({ ...fields, target, attempt, attempts: policy.attempts, retry: !last, delayMs, err: describe(error) }, `Slack ${target} failed${last ? "" : "; retrying"}`);
      if (last) throw new SlackDeliveryError(target, attempt, error);
      await wait(delayMs);
    }
  }
}

function delay(decision: RetryDecision, attempt: number, policy: RetryPolicy): number {
  if (decision.retry && decision.retryAfterMs !== undefined) return Math.min(Math.max(decision.retryAfterMs, 0), policy.maxRetryAfterMs);
  // Equal jitter: half fixed, half random, so replies failing together do not retry in step.
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.round(backoff / 2 + (Math.random() * backoff) / 2);
}
