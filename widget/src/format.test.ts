import { describe, expect, it } from "vitest";
import { excerpt, formatMonth, formatPeriod, formatRange, monthKey, sourceDate, sourceOrigin } from "./format.js";

describe("formatRange", () => {
  it("writes one day, a span within a month, across months and across years", () => {
    expect(formatRange({ start: "2024-07-24", end: "2024-07-24" })).toBe("July 24, 2024");
    expect(formatRange({ start: "2024-07-03", end: "2024-07-04" })).toBe("July 3–4, 2024");
    expect(formatRange({ start: "2024-07-28", end: "2024-08-07" })).toBe("July 28 – August 7, 2024");
    expect(formatRange({ start: "2024-12-30", end: "2025-01-02" })).toBe("December 30, 2024 – January 2, 2025");
  });
});

describe("formatPeriod", () => {
  it("names the months of one year, one month alone, and only the years across years", () => {
    expect(formatPeriod({ start: "2024-05-03", end: "2024-12-02" })).toBe("May–December 2024");
    expect(formatPeriod({ start: "2023-03-06", end: "2023-03-21" })).toBe("March 2023");
    expect(formatPeriod({ start: "2023-11-27", end: "2024-02-01" })).toBe("2023–2024");
  });
});

describe("small formatters", () => {
  it("names months and keys chunks by their first day", () => {
    expect(formatMonth("2024-10")).toBe("October 2024");
    expect(monthKey({ start: "2024-10-22", end: "2024-11-01" })).toBe("2024-10");
  });

  it("dates a source by its range, else its label", () => {
    expect(sourceDate({ date: { start: "2024-05-16", end: "2024-05-17" }, dateLabel: "May 16-17" })).toBe("May 16–17, 2024");
    expect(sourceDate({ dateLabel: "Spring" })).toBe("Spring");
    expect(sourceDate({})).toBeUndefined();
  });

  it("names where a source comes from", () => {
    expect(sourceOrigin({ kind: "article", doc: "a.txt", section: "Enhanced Mil-Mil Ties" })).toBe("Article, Enhanced Mil-Mil Ties · a.txt");
    expect(sourceOrigin({ kind: "chronology", doc: "a.txt" })).toBe("Chronology · a.txt");
    expect(sourceOrigin({ kind: "article", doc: "report.pdf", section: "Results", page: 3 })).toBe("Article, Results · report.pdf, p. 3");
  });

  it("cuts long text at a word", () => {
    expect(excerpt("short  text", 50)).toBe("short text");
    expect(excerpt("Russian and Chinese strategic bombers carried out a joint patrol", 30)).toBe("Russian and Chinese strategic…");
  });
});
