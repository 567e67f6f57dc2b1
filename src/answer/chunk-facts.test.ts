import { describe, expect, it } from "vitest";
import type { Chunk } from "../index/chunk.js";
import { chunkFacts } from "./chunk-facts.js";

describe("chunkFacts", () => {
  it("reads a span of months as one period, into the next year when it crosses the year's end", () => {
    const chunk = { id: "c1", doc: "hours.md", kind: "article", text: "The centre opens 09:30 to 16:00 from November to March. It shuts in July." } as Chunk;
    const [hours, summer] = chunkFacts(chunk, 2023).sentences;
    expect(hours!.periods.map((p) => p.range)).toEqual([{ start: "2023-11-01", end: "2024-03-31" }]);
    expect(hours!.periods[0]!.explicitYear).toBe(false);
    expect(summer!.periods.map((p) => p.range)).toEqual([{ start: "2023-07-01", end: "2023-07-31" }]);
  });
});
