import { describe, expect, it } from "vitest";
import { createSeenSet } from "./seen-set.js";

describe("createSeenSet", () => {
  it("tells a first key from a repeat", () => {
    const seen = createSeenSet();
    expect(seen.add("Ev1")).toBe(true);
    expect(seen.add("Ev1")).toBe(false);
    expect(seen.add("Ev2")).toBe(true);
  });

  it("forgets keys after their time", () => {
    let now = 0;
    const seen = createSeenSet({ ttlMs: 100, now: () => now });
    seen.add("Ev1");
    now = 50;
    seen.add("Ev2");
    now = 101;
    expect(seen.has("Ev1")).toBe(false);
    expect(seen.has("Ev2")).toBe(true);
    expect(seen.add("Ev1")).toBe(true);
  });

  it("holds at most `max` keys, forgetting the oldest", () => {
    const seen = createSeenSet({ max: 3 });
    for (const key of ["a", "b", "c", "d"]) seen.add(key);
    expect(seen.size).toBe(3);
    expect(seen.has("a")).toBe(false);
    expect(seen.has("d")).toBe(true);
  });
});
