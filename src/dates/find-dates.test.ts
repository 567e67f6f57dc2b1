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

describe("calendar", () => {
  it("compares and formats ranges", () => {
    expect(overlaps({ start: "2024-07-28", end: "2024-08-07" }, { start: "2024-08-01", end: "2024-08-31" })).toBe(true);
    expect(overlaps({ start: "2024-07-01", end: "2024-07-31" }, { start: "2024-08-01", end: "2024-08-31" })).toBe(false);
    expect(rangeDistance({ start: "2024-05-03", end: "2024-05-09" }, { start: "2019-01-01", end: "2019-12-31" })).toBe(1585);
    expect(formatRange({ start: "2024-07-28", end: "2024-08-07" })).toBe("July 28 - August 7, 2024");
    expect(formatRange({ start: "2024-05-16", end: "2024-05-17" })).toBe("May 16-17, 2024");
  });
});
