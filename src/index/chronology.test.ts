import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseChronologyLine } from "./chronology.js";

const corpus = readFileSync(new URL("../../corpus/china-russia-relations-2024.txt", import.meta.url), "utf8");

// Every entry of the corpus's chronology, as [date label, start, end], in document order.
const EXPECTED: Array<[string, string, string]> = [
  ["May 3-9, 2024", "2024-05-03", "2024-05-09"], ["May 16-17, 2024", "2024-05-16", "2024-05-17"],
  ["May 20, 2024", "2024-05-20", "2024-05-20"], ["May 30-31, 2024", "2024-05-30", "2024-05-31"],
  ["June 10, 2024", "2024-06-10", "2024-06-10"], ["July 2-16, 2024", "2024-07-02", "2024-07-16"],
  ["July 3, 2024", "2024-07-03", "2024-07-03"], ["July 8-19, 2024", "2024-07-08", "2024-07-19"],
  ["July 9-13, 2024", "2024-07-09", "2024-07-13"], ["July 12-17, 2024", "2024-07-12", "2024-07-17"],
  ["July 21-23, 2024", "2024-07-21", "2024-07-23"], ["July 22-24, 2024", "2024-07-22", "2024-07-24"],
  ["July 23-27, 2024", "2024-07-23", "2024-07-27"], ["July 23-29, 2024", "2024-07-23", "2024-07-29"],
  ["July 23, 2024", "2024-07-23", "2024-07-23"], ["July 24, 2024", "2024-07-24", "2024-07-24"],
  ["July 25, 2024", "2024-07-25", "2024-07-25"], ["July 26-29, 2024", "2024-07-26", "2024-07-29"],
  ["July 28-Aug. 7, 2024", "2024-07-28", "2024-08-07"], ["Aug. 7-8, 2024", "2024-08-07", "2024-08-08"],
  ["Aug. 17, 2024", "2024-08-17", "2024-08-17"], ["Aug. 20-21, 2024", "2024-08-20", "2024-08-21"],
  ["Sept. 10-12, 2024", "2024-09-10", "2024-09-12"], ["Sept. 10-16, 2024", "2024-09-10", "2024-09-16"],
  ["Sept. 10-15, 2024", "2024-09-10", "2024-09-15"], ["Sept. 13, 2024", "2024-09-13", "2024-09-13"],
  ["Sept. 16-20, 2024", "2024-09-16", "2024-09-20"], ["Sept. 21-27, 2024", "2024-09-21", "2024-09-27"],
  ["Sept. 27, 2024", "2024-09-27", "2024-09-27"], ["Sept. 27, 2024", "2024-09-27", "2024-09-27"],
  ["Oct. 2, 2024", "2024-10-02", "2024-10-02"], ["Oct. 4, 2024", "2024-10-04", "2024-10-04"],
  ["Oct. 14-15, 2024", "2024-10-14", "2024-10-15"], ["Oct. 22-24, 2024", "2024-10-22", "2024-10-24"],
  ["Oct. 29, 2024", "2024-10-29", "2024-10-29"], ["Oct. 30, 2024", "2024-10-30", "2024-10-30"],
  ["Nov. 7, 2024", "2024-11-07", "2024-11-07"], ["Nov. 11-14, 2024", "2024-11-11", "2024-11-14"],
  ["Nov. 18, 2024", "2024-11-18", "2024-11-18"], ["Nov. 22, 2024", "2024-11-22", "2024-11-22"],
  ["Nov. 29-30, 2024", "2024-11-29", "2024-11-30"], ["Dec. 1, 2024", "2024-12-01", "2024-12-01"],
  ["Dec. 2, 2024", "2024-12-02", "2024-12-02"],
];

describe("parseChronologyLine", () => {
  it("parses all 43 entries of the corpus with their dates", () => {
    const entries = corpus.split("\n").map((line) => parseChronologyLine(line, 2024)).filter((e) => e !== undefined);
    expect(entries.map((e) => [e.dateLabel, e.date.start, e.date.end])).toEqual(EXPECTED);
  });

  it("reads single days, same-month and cross-month ranges and abbreviations", () => {
    expect(parseChronologyLine("Sept. 10-12, 2024: BRICS meets.", 2000)?.date).toEqual({ start: "2024-09-10", end: "2024-09-12" });
    expect(parseChronologyLine("July 28-Aug. 7, 2024: Li Hui travels.", 2000)?.date).toEqual({ start: "2024-07-28", end: "2024-08-07" });
    expect(parseChronologyLine("Dec. 30, 2024-Jan. 2, 2025: New year.", 2000)).toBeUndefined();
    expect(parseChronologyLine("March 4: a day without a year", 2023)?.date).toEqual({ start: "2023-03-04", end: "2023-03-04" });
  });

  it("keeps the text after the colon", () => {
    expect(parseChronologyLine("May 20, 2024: Wang Yi and Lavrov meet.", 2024)?.text).toBe("Wang Yi and Lavrov meet.");
  });

  it("does not take prose or impossible dates for entries", () => {
    expect(parseChronologyLine("Part II: security cooperation.", 2024)).toBeUndefined();
    expect(parseChronologyLine("In July 2024, the navies met: twice.", 2024)).toBeUndefined();
    expect(parseChronologyLine("Feb. 30, 2024: no such day.", 2024)).toBeUndefined();
    expect(parseChronologyLine("Figure 1 Following the talks: a photo", 2024)).toBeUndefined();
  });

  it("reads ISO dates and day-first dates before a colon or a dash", () => {
    const read = (line: string) => {
      const entry = parseChronologyLine(line, 2000);
      return entry && [entry.dateLabel, entry.date.start, entry.date.end, entry.precision, entry.text];
    };
    expect(read("2023-04-27 - The pumps were switched off.")).toEqual(["2023-04-27", "2023-04-27", "2023-04-27", "day", "The pumps were switched off."]);
    expect(read("2023-04-27: The pumps were switched off.")?.[0]).toBe("2023-04-27");
    expect(read("2023-04-27 — The pumps were switched off.")?.[4]).toBe("The pumps were switched off.");
    expect(read("12 Jan 2025: Doors open.")).toEqual(["12 Jan 2025", "2025-01-12", "2025-01-12", "day", "Doors open."]);
    expect(read("12 January 2025 – Doors open.")).toEqual(["12 January 2025", "2025-01-12", "2025-01-12", "day", "Doors open."]);
  });

  it("reads quarters, months and years that give their year", () => {
    const read = (line: string) => {
      const entry = parseChronologyLine(line, 2000);
      return entry && [entry.dateLabel, entry.date.start, entry.date.end, entry.precision];
    };
    expect(read("Q3 2024: Sales doubled.")).toEqual(["Q3 2024", "2024-07-01", "2024-09-30", "season"]);
    expect(read("March 2024: A second office opened.")).toEqual(["March 2024", "2024-03-01", "2024-03-31", "month"]);
    expect(read("2016: Founded in a garage.")).toEqual(["2016", "2016-01-01", "2016-12-31", "year"]);
    expect(read("- 2016: founded in a garage")).toEqual(["2016", "2016-01-01", "2016-12-31", "year"]);
    expect(read("2022–23: Two hard winters.")).toEqual(["2022–23", "2022-01-01", "2023-12-31", "year"]);
  });

  it("wants a separator after a year, and a year after a bullet or before anything coarser than a day", () => {
    expect(parseChronologyLine("2016 was a hard year for everyone.", 2024)).toBeUndefined();
    expect(parseChronologyLine("2019 - 2020 was a hard period.", 2024)).toBeUndefined();
    expect(parseChronologyLine("- July 24: a bullet that leans on the prose for its year", 2024)).toBeUndefined();
    expect(parseChronologyLine("Q1: How do I reset my password?", 2024)).toBeUndefined();
    expect(parseChronologyLine("June: a month without a year", 2024)).toBeUndefined();
  });

  it("never takes a label or a heading for an entry", () => {
    for (const line of ["Note: the office is closed.", "Part 2: Security", "Version 2.0 - released", "Windows 2000 - legacy", "In 2016: a lead that is not a date", "12:30 - lunch"]) {
      expect(parseChronologyLine(line, 2024), line).toBeUndefined();
    }
  });
});
