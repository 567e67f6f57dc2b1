/** Waits between automatic retries while the server is not ready (its index loading or rebuilding). */

/** The first wait; each later one doubles it. */
export const FIRST_RETRY_MS = 1000;
/** The longest wait the widget picks by itself. */
export const MAX_RETRY_MS = 30_000;
/** The longest Retry-After honoured: a server asking for more is asked again after this. */
export const MAX_RETRY_AFTER_MS = 300_000;

/**
 * How long to wait before try number `attempt + 1` (`attempt` counts failures so far, from 0): 1 s, 2 s,
 * 4 s … up to 30 s, and never sooner than the server's Retry-After (in seconds), capped at five minutes.
 */
export function retryDelay(attempt: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(attempt, 30)));
  const asked = retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds) ? 0 : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, retryAfterSeconds) * 1000);
  return Math.max(backoff, asked);
}

/** "1 second", "30 seconds", "2 minutes": a wait as the status line says it. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 90) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return `${minutes} minutes`;
}

/** Resolves after `ms`, or rejects with an AbortError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => reject(signal?.reason instanceof Error && signal.reason.name === "AbortError" ? signal.reason : new DOMException("The wait was aborted.", "AbortError"));
    if (signal?.aborted) return aborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      aborted();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
