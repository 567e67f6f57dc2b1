import { describe, expect, it } from "vitest";
import { timelineOrder, type Chunk } from "./chunk.js";

const entry = (id: string, doc: string, position: number, start: string, end = start): Chunk => ({ id, doc, kind: "chronology", text: id, position, date: { start, end } });

describe("timelineOrder", () => {
  it("orders by first day, then last day, then document and place, so equal dates have one order", () => {
    const chunks = [
      entry("span", "a.txt", 1, "2024-03-01", "2024-03-09"),
      entry("day", "a.txt", 2, "2024-03-01"),
      entry("other-doc", "0-notes.md", 9, "2024-03-01", "2024-03-09"),
      entry("later", "a.txt", 0, "2024-03-02"),
      entry("first-in-doc", "a.txt", 0, "2024-03-01", "2024-03-09"),
    ];
    const expected = ["day", "other-doc", "first-in-doc", "span", "later"];
    expect([...chunks].sort(timelineOrder).map((c) => c.id)).toEqual(expected);
    expect([...chunks].reverse().sort(timelineOrder).map((c) => c.id)).toEqual(expected);
  });
});
