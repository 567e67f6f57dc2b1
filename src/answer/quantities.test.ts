import { describe, expect, it } from "vitest";
import { countsDirectly, quantities } from "./quantities.js";

const values = (text: string) => quantities(text, 2023).map((q) => q.value);

describe("quantities", () => {
  it("reads figures and number words, with the words that follow", () => {
    expect(quantities("Thirty-six branches joined, some 90,000 readers.", 2023)).toEqual([
      { value: "Thirty-six", following: ["branch", "join"] },
      { value: "90,000", following: ["reader"] },
    ]);
    expect(values("income reached £5.2 million, 49% of the budget")).toEqual(["£5.2", "49%"]);
  });

  it("skips dates, years, ordinals and numbers inside names", () => {
    expect(values("the 8th audit since 2019, on Aug. 21, by the A-320 crew and the G7")).toEqual([]);
  });
});

describe("countsDirectly", () => {
  it("takes a number said of the thing asked about, not one a few words away", () => {
    expect(countsDirectly(quantities("Fifteen “partner libraries” sent staff", 2023), "partner libraries")).toBe(true);
    expect(countsDirectly(quantities("Thirty-six countries attended", 2023), "countries")).toBe(true);
    expect(countsDirectly(quantities("a five-hour joint patrol of the coast", 2023), "patrols")).toBe(false);
    expect(countsDirectly(quantities("with six independently-guided warheads", 2023), "people")).toBe(false);
  });
});
