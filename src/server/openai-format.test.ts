import { describe, expect, it } from "vitest";
import type { Citation } from "../answer/index.js";
import { answerIdOf, completionId, sourcesBlock } from "./openai-format.js";

describe("sourcesBlock", () => {
  it("lists each citation with its date label or section, document and first 100 characters", () => {
    const citations: Citation[] = [
      { n: 1, id: "a", kind: "chronology", doc: "doc.txt", dateLabel: "July 24, 2024", text: "x".repeat(150) },
      { n: 2, id: "b", kind: "article", doc: "doc.txt", section: "Enhanced Mil-Mil Ties", text: "Short." },
    ];
    expect(sourcesBlock(citations)).toBe(`\n\nSources:\n[1] July 24, 2024 — doc.txt: ${"x".repeat(100)}\n[2] Enhanced Mil-Mil Ties — doc.txt: Short.`);
  });

  it("is empty for an answer without citations", () => {
    expect(sourcesBlock([])).toBe("");
  });
});

describe("completion ids", () => {
  it("carry the answer id", () => {
    expect(answerIdOf(completionId("abc"))).toBe("abc");
    expect(answerIdOf("abc")).toBe("abc");
  });
});
