import { describe, expect, it } from "vitest";
import { countsNoun, isMoney, isMoneyQuestion, isNumericQuestion, quantities } from "./quantities.js";

const values = (text: string) => quantities(text, 2024).map((q) => q.value);

describe("quantities", () => {
  it("reads figures and number words, with the words that follow", () => {
    expect(quantities("Thirty-six countries joined, some 90,000 troops.", 2024)).toEqual([
      { value: "Thirty-six", following: ["countri", "join"] },
      { value: "90,000", following: ["troop"] },
    ]);
    expect(values("trade reached $240 billion, 49% of the market")).toEqual(["$240", "49%"]);
  });

  it("skips dates, years, ordinals and numbers inside names", () => {
    expect(values("the 8th patrol since 2019, on Aug. 21, by Tu-95MS bombers and the G7")).toEqual([]);
  });

  it("tells whether the thing asked about is counted", () => {
    expect(countsNoun(quantities("Fifteen “friendly nations” send observers", 2024), "friendly nations")).toBe(true);
    expect(countsNoun(quantities("with six independently-guided warheads", 2024), "people")).toBe(false);
  });

  it("knows quantity and money questions", () => {
    expect(isNumericQuestion("How many ships took part?")).toBe(true);
    expect(isNumericQuestion("What was China-Russia bilateral trade in 2024?")).toBe(true);
    expect(isNumericQuestion("Who chaired the meeting?")).toBe(false);
    expect(isMoneyQuestion("How much will the railway cost to build?")).toBe(true);
    expect(isMoney(quantities("$200 billion", 2024)[0])).toBe(true);
    expect(isMoney(quantities("15 million tons", 2024)[0])).toBe(false);
  });
});
