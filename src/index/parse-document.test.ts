import { describe, expect, it } from "vitest";
import { documentYear, dominantYear, MAX_CHUNK_CHARS, parseDocument } from "./parse-document.js";

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

describe("parseDocument: dated passages", () => {
  const RELEASES = [
    "# Release notes",
    "An intro paragraph about the product.",
    "## 3.2.0 (2024-03-12)",
    "- Faster sync.",
    "### Fixes",
    "- Fixed a crash on start.",
    "A note on the fixes.",
    "## Version 3.1 — 12 January 2024",
    "- New login page.",
    "## Roadmap",
    "- Offline mode.",
  ].join("\n");

  it("dates every bullet and paragraph under a dated heading until a heading of its level", async () => {
    const chunks = await parseDocument("releases.md", RELEASES);
    expect(chunks.map((c) => [c.kind, c.text, c.date?.start, c.dateLabel])).toEqual([
      ["article", "An intro paragraph about the product.", undefined, undefined],
      ["chronology", "Faster sync.", "2024-03-12", "2024-03-12"],
      ["chronology", "Fixed a crash on start.", "2024-03-12", "2024-03-12"],
      ["article", "A note on the fixes.", "2024-03-12", "2024-03-12"],
      ["chronology", "New login page.", "2024-01-12", "12 January 2024"],
      ["article", "Offline mode.", undefined, undefined],
    ]);
  });

  it("gives each chunk its nearest heading and the path of headings above it", async () => {
    const chunks = await parseDocument("releases.md", RELEASES);
    const crash = chunks.find((c) => c.text.startsWith("Fixed a crash"))!;
    expect(crash.section).toBe("Fixes");
    expect(crash.headings).toEqual(["Release notes", "3.2.0 (2024-03-12)", "Fixes"]);
    expect(chunks.find((c) => c.text === "Offline mode.")!.headings).toEqual(["Release notes", "Roadmap"]);
  });

  it("reads yearless dates under a dated heading in the heading's year", async () => {
    const text = ["## 2023", "### March", "- Opened a second office on March 3.", "- Hired a cook.", "## Titles 2025", "- Not dated by a title."].join("\n");
    const chunks = await parseDocument("years.md", text, { defaultYear: 1999 });
    expect(chunks.map((c) => [c.text, c.date?.start, c.date?.end, c.dateLabel])).toEqual([
      ["Opened a second office on March 3.", "2023-03-03", "2023-03-03", "March 3"],
      ["Hired a cook.", "2023-03-01", "2023-03-31", "March"],
      ["Not dated by a title.", undefined, undefined, undefined],
    ]);
  });

  it("dates a prose paragraph that opens with a date, but not one that opens with a bound or a bare year", async () => {
    const text = [
      "Board",
      "On 3 March 2023 the board approved the plan.",
      "In March 2023, work began on the site.",
      "At 03:50 on 27 April the culvert was blocked.",
      "2023 was a year of two halves.",
      "Since 2019 the plant has grown.",
      "The plan was approved on 3 March 2023.",
    ].join("\n");
    const chunks = await parseDocument("report.txt", text);
    expect(chunks.map((c) => [c.kind, c.date?.start, c.date?.end, c.dateLabel])).toEqual([
      ["article", "2023-03-03", "2023-03-03", "3 March 2023"],
      ["article", "2023-03-01", "2023-03-31", "March 2023"],
      ["article", "2023-04-27", "2023-04-27", "27 April"],
      ["article", undefined, undefined, undefined],
      ["article", undefined, undefined, undefined],
      ["article", undefined, undefined, undefined],
    ]);
  });

  it("makes chronology entries of dated lines in any common format, keeping the line as written", async () => {
    const text = ["Timeline", "2023-04-27 - Pumps switched off", "12 Jan 2025: Doors open", "Milestones:", "- 2016: founded in a garage"].join("\n");
    const chunks = await parseDocument("timeline.txt", text);
    expect(chunks.map((c) => [c.kind, c.text, c.dateLabel, c.date?.start])).toEqual([
      ["chronology", "2023-04-27 - Pumps switched off", "2023-04-27", "2023-04-27"],
      ["chronology", "12 Jan 2025: Doors open", "12 Jan 2025", "2025-01-12"],
      ["article", "Milestones:", undefined, undefined],
      ["chronology", "2016: founded in a garage", "2016", "2016-01-01"],
    ]);
  });
});

describe("parseDocument: the year for dates without one", () => {
  const BULLET = "Events\n- July 24: the bridge reopened.";

  it("takes the corpus's year for a document that names none, else the current year", async () => {
    const [withDefault] = await parseDocument("yearless.txt", BULLET, { defaultYear: 2019 });
    expect(withDefault.date).toEqual({ start: "2019-07-24", end: "2019-07-24" });
    const [withoutDefault] = await parseDocument("yearless.txt", BULLET);
    expect(withoutDefault.date?.start).toBe(`${new Date().getUTCFullYear()}-07-24`);
  });

  it("prefers the document's own year to the corpus's", async () => {
    const [bullet] = await parseDocument("dated.txt", `${BULLET}\nThe bridge was built in 1998 and painted in 1998.`, { defaultYear: 2019 });
    expect(bullet.date?.start).toBe("1998-07-24");
  });

  it("documentYear is the year named most, or undefined", () => {
    expect(documentYear("In 2023 and 2024, then 2024 again.")).toBe(2024);
    expect(documentYear("No year here, only 12 apples.")).toBeUndefined();
  });
});

describe("parseDocument: long paragraphs", () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `Name${i} Surname${i}`).join("; ");

  it("cuts a paragraph without sentence ends at semicolons, never over the limit", async () => {
    const paragraph = names(170);
    expect(paragraph.length).toBeGreaterThan(3000);
    for (const text of [paragraph, `A short opening sentence. ${paragraph}`, `${paragraph}. A closing sentence.`]) {
      const chunks = await parseDocument("names.txt", text);
      expect(chunks.length).toBeGreaterThan(4);
      for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
      for (let i = 0; i < 170; i++) expect(chunks.some((c) => c.text.includes(`Name${i} Surname${i}`)), `name ${i}`).toBe(true);
    }
  });

  it("cuts at commas, then spaces, then anywhere, when nothing coarser is left", async () => {
    const commas = Array.from({ length: 200 }, (_, i) => `item ${i}`).join(", ");
    const unbroken = "x".repeat(MAX_CHUNK_CHARS * 2 + 10);
    for (const text of [commas, unbroken]) {
      const chunks = await parseDocument("odd.txt", text);
      expect(chunks.length).toBeGreaterThan(1);
      for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
    }
  });
});
