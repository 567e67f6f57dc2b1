import { describe, expect, it } from "vitest";
import { addDays, findRelativeDate, resolveRelativeDate } from "./relative-dates.js";

const visit = { start: "2024-05-16", end: "2024-05-17" };
const resolve = (text: string, anchor = visit) => {
  const found = findRelativeDate(text);
  return found && { text: found.text, ...resolveRelativeDate(found, anchor) };
};

describe("findRelativeDate", () => {
  it("finds the common ways of saying later and earlier", () => {
    expect(findRelativeDate("What happened a month later?")).toMatchObject({ text: "a month later", offset: 1, unit: "month" });
    expect(findRelativeDate("and the week before?")).toMatchObject({ text: "the week before", offset: -1, unit: "week" });
    expect(findRelativeDate("Who met on the next day?")).toMatchObject({ text: "on the next day", offset: 1, unit: "day" });
    expect(findRelativeDate("Two weeks later, who visited?")).toMatchObject({ offset: 2, unit: "week" });
    expect(findRelativeDate("What happened 3 days earlier?")).toMatchObject({ offset: -3, unit: "day" });
    expect(findRelativeDate("the same day")).toMatchObject({ offset: 0, unit: "day" });
    expect(findRelativeDate("What happened after that?")).toMatchObject({ offset: 1, unit: "span" });
    expect(findRelativeDate("and before that?")).toMatchObject({ offset: -1, unit: "span" });
  });

  it("ignores questions without one", () => {
    expect(findRelativeDate("What happened in July?")).toBeUndefined();
    expect(findRelativeDate("Which was the next meeting?")).toBeUndefined();
    expect(findRelativeDate("What did they do two years ago?")).toBeUndefined();
  });
});

describe("resolveRelativeDate", () => {
  it("counts days from the anchor's last day forward and its first day back", () => {
    expect(resolve("the next day")).toMatchObject({ range: { start: "2024-05-18", end: "2024-05-18" }, phrase: "on May 18, 2024" });
    expect(resolve("the day before")).toMatchObject({ range: { start: "2024-05-15", end: "2024-05-15" } });
  });

  it("reads weeks as 7-day windows", () => {
    expect(resolve("the week before")).toMatchObject({ range: { start: "2024-05-09", end: "2024-05-15" }, phrase: "during May 9-15, 2024" });
    expect(resolve("two weeks later")).toMatchObject({ range: { start: "2024-05-25", end: "2024-05-31" } });
  });

  it("reads months and years as whole calendar periods, across year ends", () => {
    expect(resolve("a month later")).toMatchObject({ range: { start: "2024-06-01", end: "2024-06-30" }, phrase: "in June 2024" });
    expect(resolve("a month later", { start: "2024-12-01", end: "2024-12-02" })).toMatchObject({ phrase: "in January 2025" });
    expect(resolve("two months earlier", { start: "2024-01-10", end: "2024-01-10" })).toMatchObject({ phrase: "in November 2023" });
    expect(resolve("a year later")).toMatchObject({ range: { start: "2025-01-01", end: "2025-12-31" }, phrase: "in 2025" });
  });

  it("reads 'after that' as the 30 days that follow", () => {
    expect(resolve("after that")).toMatchObject({ range: { start: "2024-05-18", end: "2024-06-16" }, phrase: "during May 18 - June 16, 2024" });
  });

  it("adds days across month ends and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });
});
