import { describe, expect, it } from "vitest";
import { addDays, OPEN_END, OPEN_START, overlapsInAnyYear, yearsRange } from "./calendar.js";

describe("addDays", () => {
  it("moves across months, years and leap days", () => {
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
    expect(addDays("2024-07-01", 7)).toBe("2024-07-08");
  });

  it("stays within the open ends", () => {
    expect(addDays(OPEN_START, -1)).toBe(OPEN_START);
    expect(addDays(OPEN_END, 1)).toBe(OPEN_END);
  });
});

describe("yearsRange", () => {
  it("covers whole years, and pads early ones", () => {
    expect(yearsRange(2022, 2023)).toEqual({ start: "2022-01-01", end: "2023-12-31" });
    expect(yearsRange(1)).toEqual({ start: "0001-01-01", end: "0001-12-31" });
  });
});

describe("overlapsInAnyYear", () => {
  it("compares days of the year, across a year's end", () => {
    const winterHours = { start: "2023-11-01", end: "2024-03-31" };
    expect(overlapsInAnyYear({ start: "2023-01-01", end: "2023-01-31" }, winterHours)).toBe(true);
    expect(overlapsInAnyYear({ start: "2023-07-01", end: "2023-07-31" }, winterHours)).toBe(false);
    expect(overlapsInAnyYear({ start: "2023-06-01", end: "2023-08-31" }, { start: "2023-04-01", end: "2023-10-31" })).toBe(true);
    expect(overlapsInAnyYear({ start: "2024-02-29", end: "2024-02-29" }, { start: "2023-02-28", end: "2023-03-01" })).toBe(true);
  });
});
