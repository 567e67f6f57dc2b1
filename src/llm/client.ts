import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, RateLimitError } from "openai";
import { ChronicleError } from "../errors.js";
import type { Logger } from "../logger.js";

/** How to reach an OpenAI-compatible chat model; shared by the answerer and the condenser. */
export interface LlmClientOptions {
  /** Omitted for local servers that need none (Ollama, vLLM). */
  apiKey?: string;
  /** Any OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1. */
  baseURL?: string;
  model: string;
  /** Budget for one whole call, 429 retry and streamed body included (LLM_TIMEOUT_MS). */
  timeoutMs: number;
  logger: Logger;
  /** Injected by tests to keep them on loopback. */
  fetch?: typeof fetch;
}

/** The model answered, but not with usable text (empty, not a string, not a completion at all). */
export class LlmOutputError extends ChronicleError {
  constructor(message: string) {
    super("llm_output", message);
  }
}

/** Why a model call did not produce an answer; logged with the fallback. */
export type FailureReason =
  | "timeout"
  | "cancelled"
  | "rate_limited"
  | "server_error"
  | "api_error"
  | "connection"
  | "malformed"
  | "no_valid_citations"
  | "unexpected";

/** One call's time budget: the caller's signal and the timeout combined, plus what is left of it. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Milliseconds until the timeout fires (never negative). */
  remaining(): number;
  /** Whether the timeout (not the caller) ended the call. */
  timedOut(): boolean;
}

// Waited after a 429 that names no Retry-After: short, since the whole call shares one timeout.
const DEFAULT_RETRY_AFTER_MS = 1_000;

export function createClient(options: LlmClientOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey || "not-needed",
    baseURL: options.baseURL,
    fetch: options.fetch,
    timeout: options.timeoutMs,
    // Retries are ours (one, after a 429), so they stay inside the single timeout budget.
    maxRetries: 0,
    // Failures are logged once, by us, with the reason and the fallback taken.
    logLevel: "off",
  });
}

/** Starts the clock for one call. `AbortSignal.timeout` also covers reading a streamed body, which the client's own timeout does not. */
export function startDeadline(timeoutMs: number, signal?: AbortSignal): Deadline {
  const started = Date.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  return {
    signal: combined,
    remaining: () => Math.max(0, timeoutMs - (Date.now() - started)),
    timedOut: () => timeout.aborted && !signal?.aborted,
  };
}

/**
 * Runs a request, and once more after a 429, waiting what Retry-After asks. When the wait would not end
 * before the deadline the retry could not finish in time, so the 429 is thrown at once instead.
 */
export async function withRateLimitRetry<T>(run: () => Promise<T>, deadline: Deadline, logger: Logger): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof RateLimitError)) throw error;
    const wait = retryAfterMs(error.headers) ?? DEFAULT_RETRY_AFTER_MS;
    if (wait >= deadline.remaining()) throw error;
    logger.info({ waitMs: wait }, "llm rate limited; retrying once");
    await sleep(wait, deadline.signal);
    return await run();
  }
}

/** Retry-After as milliseconds: seconds or an HTTP date (RFC 9110), or retry-after-ms. */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Names a failure for the log; the deadline tells a timeout from the caller giving up. */
export function failureReason(error: unknown, deadline: Deadline): FailureReason {
  if (deadline.timedOut() || error instanceof APIConnectionTimeoutError) return "timeout";
  if (deadline.signal.aborted || error instanceof APIUserAbortError) return "cancelled";
  if (error instanceof RateLimitError) return "rate_limited";
  if (error instanceof LlmOutputError || error instanceof SyntaxError) return "malformed";
  if (error instanceof APIConnectionError) return "connection";
  if (error instanceof APIError) {
    // The client reports an error event inside a stream as an APIError without a status.
    if (error.status === undefined) return "malformed";
    return error.status >= 500 ? "server_error" : "api_error";
  }
  // Node's fetch reports a connection dropped mid-body as "TypeError: terminated".
  if (error instanceof TypeError) return "connection";
  return "unexpected";
}

/** A short description of an error for the log, without the stack. */
export function describe(error: unknown): { error: string; status?: number } {
  if (error instanceof APIError && error.status !== undefined) return { error: error.message, status: error.status };
  return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
