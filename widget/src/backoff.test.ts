import { describe, expect, it } from "vitest";
import { describeWait, retryDelay, sleep } from "./backoff.js";

describe("retryDelay", () => {
  it("doubles from 1 s up to 30 s", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 40].map((attempt) => retryDelay(attempt))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("never retries sooner than Retry-After, and caps a very long one at five minutes", () => {
    expect(retryDelay(0, 5)).toBe(5000);
    expect(retryDelay(4, 5)).toBe(16_000);
    expect(retryDelay(0, 120)).toBe(120_000);
    expect(retryDelay(0, 86_400)).toBe(300_000);
    expect(retryDelay(1, 0)).toBe(2000);
    expect(retryDelay(1, Number.NaN)).toBe(2000);
  });
});

describe("describeWait", () => {
  it("says seconds, then minutes", () => {
    expect(describeWait(1000)).toBe("1 second");
    expect(describeWait(200)).toBe("1 second");
    expect(describeWait(30_000)).toBe("30 seconds");
    expect(describeWait(300_000)).toBe("5 minutes");
  });
});

describe("sleep", () => {
  it("resolves after the wait and rejects with an AbortError when aborted", async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    await expect(sleep(1, controller.signal)).rejects.toMatchObject({ name: "AbortError" });
  });
});
