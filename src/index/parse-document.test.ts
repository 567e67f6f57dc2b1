import { describe, expect, it } from "vitest";
import { dominantYear, MAX_CHUNK_CHARS, parseDocument } from "./parse-document.js";

const DOC = [
  "Security Ties",
  "The navies met often in 2024. They sailed far.",
  "Figure 1 Ships at sea. Photo: somebody",
  "- July 2-16: Three Chinese naval ships conducted a joint patrol.",
  "- In late July, ships visited Vladivostok.",
  "Economy",
  "Trade grew in 2023.",
  "July 24, 2024: Bombers patrol near Alaska.",
].join("\n");

describe("parseDocument", () => {
  it("keeps sections, drops figure captions and dates bullets from the document's year", async () => {
    const chunks = await parseDocument("sample.txt", DOC);
    expect(chunks.map((c) => [c.kind, c.section, c.date?.start, c.date?.end])).toEqual([
      ["article", "Security Ties", undefined, undefined],
      ["article", "Security Ties", "2024-07-02", "2024-07-16"],
      ["article", "Security Ties", "2024-07-21", "2024-07-31"],
      ["article", "Economy", undefined, undefined],
      ["chronology", undefined, "2024-07-24", "2024-07-24"],
    ]);
    expect(chunks.some((c) => c.text.includes("Figure 1"))).toBe(false);
    expect(chunks[1].text).toBe("July 2-16: Three Chinese naval ships conducted a joint patrol.");
  });

  it("gives ids that depend on content, not on order", async () => {
    const a = await parseDocument("sample.txt", DOC);
    const b = await parseDocument("sample.txt", `Intro\nA new first paragraph.\n${DOC}`);
    expect(b.map((c) => c.id)).toEqual(expect.arrayContaining(a.map((c) => c.id)));
    expect(new Set(a.map((c) => c.id)).size).toBe(a.length);
  });

  it("splits a long paragraph between sentences", async () => {
    const sentence = (i: number) => `Sentence number ${i} talks about Gen. Li and the Aug. 21 meeting in some detail.`;
    const paragraph = Array.from({ length: 30 }, (_, i) => sentence(i)).join(" ");
    const chunks = await parseDocument("long.txt", paragraph);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
      expect(chunk.text).toMatch(/^Sentence number \d+ .*detail\.$/);
    }
    // Pieces overlap by a sentence or two, so any two neighbouring sentences share some chunk.
    const sentences = Array.from({ length: 30 }, (_, i) => sentence(i));
    for (let i = 0; i + 1 < sentences.length; i++) {
      expect(chunks.some((c) => c.text.includes(`${sentences[i]} ${sentences[i + 1]}`)), `sentences ${i} and ${i + 1}`).toBe(true);
    }
    expect(chunks[0].text.startsWith(sentences[0])).toBe(true);
    expect(chunks.at(-1)!.text.endsWith(sentences.at(-1)!)).toBe(true);
  });

  it("reads markdown headings as sections", async () => {
    const chunks = await parseDocument("notes.md", "# Background\nSome prose here about things.");
    expect(chunks[0].section).toBe("Background");
  });
});

describe("dominantYear", () => {
  it("is the year mentioned most", () => {
    expect(dominantYear("In 2023 and 2024, then 2024 again.")).toBe(2024);
  });
});
