import { describe, expect, it } from "vitest";
import { findDates } from "./find-dates.js";
import { formatRange, overlaps, rangeDistance } from "./calendar.js";

const spans = (text: string) => findDates(text, 2024).map((m) => [m.text, m.range.start, m.range.end, m.precision]);

describe("findDates", () => {
  it("reads days, ranges and months in questions", () => {
    expect(spans("What happened in August 2024?")).toEqual([["August 2024", "2024-08-01", "2024-08-31", "month"]]);
    expect(spans("between July 20 and July 31")).toEqual([["July 20 and July 31", "2024-07-20", "2024-07-31", "day"]]);
    expect(spans("on 24 July 2024")).toEqual([["24 July 2024", "2024-07-24", "2024-07-24", "day"]]);
    expect(spans("on 2024-07-24")).toEqual([["2024-07-24", "2024-07-24", "2024-07-24", "day"]]);
  });

  it("reads parts of months, seasons, halves and years", () => {
    expect(spans("in late July")).toEqual([["late July", "2024-07-21", "2024-07-31", "month"]]);
    expect(spans("in early October")).toEqual([["early October", "2024-10-01", "2024-10-10", "month"]]);
    expect(spans("in the autumn")).toEqual([["autumn", "2024-09-01", "2024-11-30", "season"]]);
    expect(spans("in the second half of 2024")).toEqual([["second half of 2024", "2024-07-01", "2024-12-31", "season"]]);
    expect(spans("in 2019")).toEqual([["2019", "2019-01-01", "2019-12-31", "year"]]);
  });

  it("tells the month May from the verb may", () => {
    expect(spans("It may rain.")).toEqual([]);
    expect(spans("during his May trip")).toEqual([["May", "2024-05-01", "2024-05-31", "month"]]);
    expect(spans("what happened in may")).toEqual([["may", "2024-05-01", "2024-05-31", "month"]]);
  });

  it("prefers the longest reading and reads abbreviations without a space", () => {
    expect(spans("On the same day (Sept.10), Russia began")).toEqual([["Sept.10", "2024-09-10", "2024-09-10", "day"]]);
    expect(spans("Between Sept. 16 and 20, ships drilled")).toEqual([["Sept. 16 and 20", "2024-09-16", "2024-09-20", "day"]]);
  });
});

describe("findDates in other common formats", () => {
  it("reads days written day first, with the month spelled out or cut short", () => {
    expect(spans("signed on 12 Jan 2025 in Oslo")).toEqual([["12 Jan 2025", "2025-01-12", "2025-01-12", "day"]]);
    expect(spans("signed on 12 January 2025")).toEqual([["12 January 2025", "2025-01-12", "2025-01-12", "day"]]);
    expect(spans("due March 8, 2024")).toEqual([["March 8, 2024", "2024-03-08", "2024-03-08", "day"]]);
  });

  it("reads quarters with or without a year", () => {
    expect(spans("sales in Q3 2024")).toEqual([["Q3 2024", "2024-07-01", "2024-09-30", "season"]]);
    expect(spans("sales in Q3")).toEqual([["Q3", "2024-07-01", "2024-09-30", "season"]]);
    expect(spans("the 2023 Q4 figures")).toEqual([["2023 Q4", "2023-10-01", "2023-12-31", "season"]]);
    expect(spans("in the third quarter of 2023")).toEqual([["third quarter of 2023", "2023-07-01", "2023-09-30", "season"]]);
    expect(spans("in the 3rd quarter")).toEqual([["3rd quarter", "2024-07-01", "2024-09-30", "season"]]);
  });

  it("does not take a numbered question or a quarter of something else for a quarter", () => {
    expect(spans("Q1: How do I reset a password?")).toEqual([]);
    expect(spans("in the first quarter of the century")).toEqual([]);
  });

  it("reads ISO months and weeks of a month", () => {
    expect(spans("the 2024-03 release")).toEqual([["2024-03", "2024-03-01", "2024-03-31", "month"]]);
    expect(spans("on 2024/03/12")).toEqual([["2024/03/12", "2024-03-12", "2024-03-12", "day"]]);
    expect(spans("in the first week of July")).toEqual([["first week of July", "2024-07-01", "2024-07-07", "month"]]);
    expect(spans("in the last week of March")).toEqual([["last week of March", "2024-03-25", "2024-03-31", "month"]]);
    expect(spans("the second week of May 2023")).toEqual([["second week of May 2023", "2023-05-08", "2023-05-14", "month"]]);
  });

  it("reads decades and centuries as spans of years", () => {
    expect(spans("music of the 1980s")).toEqual([["1980s", "1980-01-01", "1989-12-31", "year"]]);
    expect(spans("music of the '80s")).toEqual([["'80s", "1980-01-01", "1989-12-31", "year"]]);
    expect(spans("in the early 1990s")).toEqual([["early 1990s", "1990-01-01", "1993-12-31", "year"]]);
    expect(spans("in the 19th century")).toEqual([["19th century", "1800-01-01", "1899-12-31", "year"]]);
    expect(spans("in the early 20th century")).toEqual([["early 20th century", "1900-01-01", "1932-12-31", "year"]]);
    expect(spans("in the nineteenth century")).toEqual([["nineteenth century", "1800-01-01", "1899-12-31", "year"]]);
    expect(spans("a second century of service")).toEqual([]);
  });

  it("reads ranges of years, and parts of a year", () => {
    expect(spans("the 2022-2023 season")).toEqual([["2022-2023", "2022-01-01", "2023-12-31", "year"]]);
    expect(spans("the 2022–23 season")).toEqual([["2022–23", "2022-01-01", "2023-12-31", "year"]]);
    // This year and the next, not December.
    expect(spans("the 2011-12 season")).toEqual([["2011-12", "2011-01-01", "2012-12-31", "year"]]);
    expect(spans("by early 2024")).toEqual([["early 2024", "2024-01-01", "2024-04-30", "season"]]);
    expect(spans("since mid-2023")).toEqual([["mid-2023", "2023-05-01", "2023-08-31", "season"]]);
  });

  it("says whether the text gives the year", () => {
    const explicit = (text: string) => findDates(text, 2024).map((m) => [m.text, m.explicitYear]);
    expect(explicit("on May 15")).toEqual([["May 15", false]]);
    expect(explicit("on May 15, 2024")).toEqual([["May 15, 2024", true]]);
    expect(explicit("in 2024, in Q3, in the 1980s")).toEqual([["2024", true], ["Q3", false], ["1980s", true]]);
    expect(explicit("late July, summer 2023, 2023-04-27")).toEqual([["late July", false], ["summer 2023", true], ["2023-04-27", true]]);
  });

  it("reads no month or range into a code", () => {
    expect(spans("advisory ABC-2024-003")).toEqual([["2024", "2024-01-01", "2024-12-31", "year"]]);
  });
});

describe("calendar", () => {
  it("compares and formats ranges", () => {
    expect(overlaps({ start: "2024-07-28", end: "2024-08-07" }, { start: "2024-08-01", end: "2024-08-31" })).toBe(true);
    expect(overlaps({ start: "2024-07-01", end: "2024-07-31" }, { start: "2024-08-01", end: "2024-08-31" })).toBe(false);
    expect(rangeDistance({ start: "2024-05-03", end: "2024-05-09" }, { start: "2019-01-01", end: "2019-12-31" })).toBe(1585);
    expect(formatRange({ start: "2024-07-28", end: "2024-08-07" })).toBe("July 28 - August 7, 2024");
    expect(formatRange({ start: "2024-05-16", end: "2024-05-17" })).toBe("May 16-17, 2024");
  });
});
