import { describe, expect, it } from "vitest";
import type { Chunk } from "../index/chunk.js";
import { createCitationList, reconcileCitations } from "./citations.js";

const chunk = (id: string, text: string): Chunk => ({ id, doc: "d.txt", kind: "chronology", text, position: 0, date: { start: "2024-07-24", end: "2024-07-24" }, dateLabel: "July 24, 2024" });

describe("citation list", () => {
  it("numbers chunks in order of first use and never shows a quote missing from its chunk", () => {
    const list = createCitationList();
    const a = chunk("a", "July 24, 2024: Bombers patrol near Alaska. They are intercepted.");
    const b = chunk("b", "Oct. 2, 2024: Greetings are exchanged.");
    expect(list.cite(a, "Bombers patrol near Alaska.")).toBe(1);
    expect(list.cite(b, "Greetings are exchanged.")).toBe(2);
    expect(list.cite(a, "They are intercepted.")).toBe(1);
    expect(list.cite(b, "Words the chunk never says.")).toBeUndefined();
    expect(list.list().map((c) => [c.n, c.id, c.text])).toEqual([
      [1, "a", "Bombers patrol near Alaska. … They are intercepted."],
      [2, "b", "Greetings are exchanged."],
    ]);
    expect(list.list()[0]).toMatchObject({ kind: "chronology", doc: "d.txt", date: { start: "2024-07-24", end: "2024-07-24" } });
  });

  it("starts every dated citation with the entry's own words, its date being the citation's dateLabel", () => {
    const list = createCitationList();
    const inline = chunk("a", "July 24, 2024: Bombers patrol near Alaska.");
    const dashed = chunk("b", "July 24, 2024 — Ships sail north.");
    const above = chunk("c", "Greetings are exchanged.");
    const prose = chunk("d", "July 24, 2024 was a quiet day.");
    list.cite(inline, "July 24, 2024: Bombers patrol near Alaska.");
    list.cite(dashed, "July 24, 2024 — Ships sail north.");
    list.cite(above, "Greetings are exchanged.");
    list.cite(prose, "July 24, 2024 was a quiet day.");
    expect(list.list().map((c) => c.text)).toEqual(["Bombers patrol near Alaska.", "Ships sail north.", "Greetings are exchanged.", "July 24, 2024 was a quiet day."]);
    // Still verbatim quotes of their chunks.
    expect(list.list().every((c, i) => [inline, dashed, above, prose][i]!.text.includes(c.text))).toBe(true);
  });
});

describe("reconcileCitations", () => {
  const citations = [1, 2, 3].map((n) => ({ n, id: `c${n}`, kind: "article" as const, doc: "d.txt", text: "t" }));

  it("drops markers without a citation and citations without a marker, renumbering in order", () => {
    const result = reconcileCitations("First [3]. Second [7] and [1].", citations);
    expect(result.text).toBe("First [1]. Second and [2].");
    expect(result.citations.map((c) => [c.n, c.id])).toEqual([[1, "c3"], [2, "c1"]]);
  });

  it("leaves no citation when no marker is valid", () => {
    expect(reconcileCitations("Nothing cited [9].", citations)).toEqual({ text: "Nothing cited.", citations: [] });
  });
});
