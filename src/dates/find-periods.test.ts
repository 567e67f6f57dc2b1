import { describe, expect, it } from "vitest";
import { OPEN_END, OPEN_START } from "./calendar.js";
import { findPeriods } from "./find-periods.js";

const read = (text: string) => findPeriods(text, 2024).map((p) => [p.relation, p.text, p.range.start, p.range.end]);

describe("findPeriods", () => {
  it("reads the period a question is in", () => {
    expect(read("What happened in June?")).toEqual([["in", "in June", "2024-06-01", "2024-06-30"]]);
    expect(read("Who joined in 2019?")).toEqual([["in", "in 2019", "2019-01-01", "2019-12-31"]]);
    expect(read("What changed 2024-03-12?")).toEqual([["in", "2024-03-12", "2024-03-12", "2024-03-12"]]);
  });

  it("ends a period before the date named", () => {
    for (const word of ["before", "until", "by", "prior to"]) {
      expect(read(`What shipped ${word} June?`)).toEqual([["before", `${word} June`, OPEN_START, "2024-05-31"]]);
    }
    expect(read("Which offices opened before the 1980s?")).toEqual([["before", "before the 1980s", OPEN_START, "1979-12-31"]]);
    expect(read("the releases of 2019 or earlier")).toEqual([["before", "2019 or earlier", OPEN_START, "2019-12-31"]]);
  });

  it("starts a period after the date named, or with it for since and from", () => {
    expect(read("What happened after June?")).toEqual([["after", "after June", "2024-07-01", OPEN_END]]);
    expect(read("later than June")).toEqual([["after", "later than June", "2024-07-01", OPEN_END]]);
    expect(read("What happened since June?")).toEqual([["after", "since June", "2024-06-01", OPEN_END]]);
    expect(read("What happened from June on?")).toEqual([["after", "from June on", "2024-06-01", OPEN_END]]);
    expect(read("Who joined after 2020?")).toEqual([["after", "after 2020", "2021-01-01", OPEN_END]]);
  });

  it("joins the two ends of a period between dates", () => {
    expect(read("What was built between 1980 and 1990?")).toEqual([["between", "between 1980 and 1990", "1980-01-01", "1990-12-31"]]);
    expect(read("between June and August")).toEqual([["between", "between June and August", "2024-06-01", "2024-08-31"]]);
    expect(read("from 2019 to 2021")).toEqual([["between", "from 2019 to 2021", "2019-01-01", "2021-12-31"]]);
    expect(read("between the 1980s and 1990s")).toEqual([["between", "between the 1980s and 1990s", "1980-01-01", "1999-12-31"]]);
    // Dates findDates already reads as one range.
    expect(read("between July 20 and July 31")).toEqual([["between", "between July 20 and July 31", "2024-07-20", "2024-07-31"]]);
  });

  it("gives a yearless end the other end's year, and runs into the next year when it must", () => {
    expect(read("between June and August 2023")).toEqual([["between", "between June and August 2023", "2023-06-01", "2023-08-31"]]);
    expect(read("between November and February")).toEqual([["between", "between November and February", "2024-11-01", "2025-02-28"]]);
  });

  it("keeps precision and whether the year was given", () => {
    const [june] = findPeriods("before June", 2024);
    expect([june.precision, june.explicitYear, june.index]).toEqual(["month", false, 0]);
    const [decades] = findPeriods("between the 1980s and 1990s", 2024);
    expect([decades.precision, decades.explicitYear]).toEqual(["year", true]);
    const [century] = findPeriods("What changed in the 19th century?", 2024);
    expect([century.relation, century.precision, century.range.start]).toEqual(["in", "year", "1800-01-01"]);
  });

  it("reads each period of a question", () => {
    expect(read("Who left before 2020 and who joined after 2022?")).toEqual([
      ["before", "before 2020", OPEN_START, "2019-12-31"],
      ["after", "after 2022", "2023-01-01", OPEN_END],
    ]);
  });
});
