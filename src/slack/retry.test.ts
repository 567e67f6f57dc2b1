import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { ResponseUrlError, SlackDeliveryError } from "./errors.js";
import { DEFAULT_RETRY, retryDecision, withRetry } from "./retry.js";

function harness() {
  const logs: Array<Record<string, unknown>> = [];
  const sleeps: number[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  return { logs, sleeps, options: { policy: DEFAULT_RETRY, logger, target: "chat.postMessage", sleep: async (ms: number) => void sleeps.push(ms) } };
}

describe("retryDecision", () => {
  it("retries rate limits (with their wait), 5xx and network failures", () => {
    expect(retryDecision(new WebAPIRateLimitedError(7))).toEqual({ retry: true, retryAfterMs: 7000 });
    expect(retryDecision(new WebAPIHTTPError(502, "Bad Gateway", {}))).toEqual({ retry: true });
    expect(retryDecision(new WebAPIRequestError(new Error("ECONNRESET")))).toEqual({ retry: true });
    expect(retryDecision(new ResponseUrlError("x", { status: 429, retryAfterSeconds: 2 }))).toEqual({ retry: true, retryAfterMs: 2000 });
    expect(retryDecision(new ResponseUrlError("x", { status: 503 }))).toEqual({ retry: true });
    expect(retryDecision(new ResponseUrlError("x"))).toEqual({ retry: true });
    expect(retryDecision(new WebAPIPlatformError({ ok: false, error: "internal_error" }))).toEqual({ retry: true });
  });

  it("does not retry what would fail the same way again", () => {
    expect(retryDecision(new WebAPIHTTPError(400, "Bad Request", {}))).toEqual({ retry: false });
    expect(retryDecision(new WebAPIPlatformError({ ok: false, error: "channel_not_found" }))).toEqual({ retry: false });
    expect(retryDecision(new ResponseUrlError("x", { status: 404 }))).toEqual({ retry: false });
    expect(retryDecision(new TypeError("bug"))).toEqual({ retry: false });
  });
});

describe("withRetry", () => {
  it("waits as long as a 429 asks, then succeeds", async () => {
    const { sleeps, options } = harness();
    let calls = 0;
    const result = await withRetry(async () => {
      if (++calls === 1) throw new WebAPIRateLimitedError(3);
      return "ok";
    }, options);
    expect(result).toBe("ok");
    expect(sleeps).toEqual([3000]);
  });

  it("caps a long Retry-After", async () => {
    const { sleeps, options } = harness();
    let calls = 0;
    await withRetry(async () => {
      if (++calls === 1) throw new WebAPIRateLimitedError(3600);
    }, options);
    expect(sleeps).toEqual([DEFAULT_RETRY.maxRetryAfterMs]);
  });

  it("backs off on 5xx and gives up after three attempts, logging each", async () => {
    const { sleeps, logs, options } = harness();
    let calls = 0;
    const failure = withRetry(async () => {
      calls++;
      throw new WebAPIHTTPError(500, "Internal Server Error", {});
    }, { ...options, fields: { channel: "C1" } });
    await expect(failure).rejects.toBeInstanceOf(SlackDeliveryError);
    await expect(failure).rejects.toMatchObject({ attempts: 3, target: "chat.postMessage", cause: expect.any(WebAPIHTTPError) });
    expect(calls).toBe(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(250);
    expect(sleeps[0]).toBeLessThanOrEqual(500);
    expect(sleeps[1]).toBeGreaterThanOrEqual(500);
    expect(sleeps[1]).toBeLessThanOrEqual(1000);
    expect(logs.map((line) => [line.level, line.attempt, line.retry, line.channel])).toEqual([
      [40, 1, true, "C1"],
      [40, 2, true, "C1"],
      [40, 3, false, "C1"],
    ]);
  });

  it("stops at once on a failure that is not worth retrying", async () => {
    const { sleeps, options } = harness();
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new WebAPIPlatformError({ ok: false, error: "not_in_channel" });
      }, options),
    ).rejects.toMatchObject({ attempts: 1 });
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });
});
