import { describe, expect, it } from "vitest";
import { chronologyNote, citedItem, listLine, listLines, sourcesBlock, splitSources, unwrapChronologyNotes, withBullet } from "./answer-text.js";
import type { Citation } from "./types.js";

const PATROL = { label: "July 24, 2024", text: "Four Russian and Chinese strategic bombers carry out a five-hour joint patrol.", n: 1 };
const SECOND = { label: "Nov. 29-30, 2024", text: "Two Russian Tu-95MS and two Chinese H-6N bombers conduct the 9th joint patrol.", n: 2 };

describe("list lines", () => {
  it("write a cited item under a bullet, and say how many entries a line stands for", () => {
    expect(listLine(PATROL)).toBe(`- July 24, 2024: ${PATROL.text} [1]`);
    expect(listLine({ label: "March 2023", text: "Pump 3 is taken offline.", n: 4 }, 2)).toBe("- March 2023: Pump 3 is taken offline. [4] (and 2 more)");
    expect(citedItem({ text: "An entry without a label.", n: 3 })).toBe("An entry without a label. [3]");
  });

  it("are read back as the items written, in order, and the head line is not one of them", () => {
    const answer = ["The timeline lists 2 entries in 2024:", listLine(PATROL), listLine(SECOND)].join("\n");
    expect(listLines(answer)).toEqual([citedItem(PATROL), citedItem(SECOND)]);
    expect(listLines("A prose answer [1]. It has no list.")).toEqual([]);
  });

  it("are read back as a client renders them: other bullets and numbers", () => {
    expect(listLines(`* ${citedItem(PATROL)}\n2. ${citedItem(SECOND)}\n• third [3]`)).toEqual([citedItem(PATROL), citedItem(SECOND), "third [3]"]);
  });

  it("take another bullet, and nothing else changes", () => {
    const answer = ["Two entries:", listLine(PATROL), "A closing line - with a dash."].join("\n");
    expect(withBullet(answer, "• ")).toBe(["Two entries:", `• ${citedItem(PATROL)}`, "A closing line - with a dash."].join("\n"));
  });
});

describe("chronology notes", () => {
  it("are written after the sentence they date, and read back as a cited item", () => {
    const answer = `Russian and Chinese bombers patrolled near Alaska. [1]${chronologyNote("July 24, 2024", 2)}`;
    expect(answer).toBe("Russian and Chinese bombers patrolled near Alaska. [1] (July 24, 2024 [2])");
    expect(unwrapChronologyNotes(answer)).toBe("Russian and Chinese bombers patrolled near Alaska. [1] July 24, 2024 [2]");
  });

  it("are read in the form earlier answers wrote, and a parenthesis without a marker is left alone", () => {
    expect(unwrapChronologyNotes("Met in Moscow. [1] (chronology: Oct. 4, 2024 [2]) (Moscow format) held.")).toBe("Met in Moscow. [1] Oct. 4, 2024 [2] (Moscow format) held.");
  });
});

describe("the Sources block", () => {
  const citations: Citation[] = [
    { n: 1, id: "a", kind: "chronology", doc: "doc.txt", dateLabel: "July 24, 2024", text: "x".repeat(150) },
    { n: 2, id: "b", kind: "article", doc: "doc.txt", section: "Enhanced Mil-Mil Ties", text: "Short." },
    { n: 3, id: "c", kind: "article", doc: "report.pdf", page: 2, text: "A page of a PDF." },
  ];

  it("lists each citation with its date label, section or kind, document and page, and its first 100 characters", () => {
    expect(sourcesBlock(citations)).toBe(`\n\nSources:\n[1] July 24, 2024 — doc.txt: ${"x".repeat(100)}\n[2] Enhanced Mil-Mil Ties — doc.txt: Short.\n[3] article — report.pdf, p. 2: A page of a PDF.`);
  });

  it("is empty for an answer without citations", () => {
    expect(sourcesBlock([])).toBe("");
  });

  it("is read back apart from the answer, each line as the citation it was written from", () => {
    const body = "Li Qiang visits Moscow [1]. Ties deepen [2] [3].";
    expect(splitSources(body + sourcesBlock(citations))).toEqual({
      body,
      sources: [
        { n: 1, label: "July 24, 2024", text: "x".repeat(100) },
        { n: 2, label: "Enhanced Mil-Mil Ties", text: "Short." },
        { n: 3, label: "article", text: "A page of a PDF." },
      ],
    });
    expect(splitSources(body)).toEqual({ body, sources: [] });
  });
});
