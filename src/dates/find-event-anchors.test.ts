import { describe, expect, it } from "vitest";
import { findEventAnchors } from "./find-event-anchors.js";

describe("findEventAnchors", () => {
  it("reads a period of fixed length before or after an event", () => {
    expect(findEventAnchors("What happened the week after the Kazan summit?")).toEqual([
      { text: "the week after the Kazan summit", index: 14, relation: "after", span: { days: 7 }, anchor: "the Kazan summit" },
    ]);
    expect(findEventAnchors("two days before the election")).toEqual([
      { text: "two days before the election", index: 0, relation: "before", span: { days: 2 }, anchor: "the election" },
    ]);
    expect(findEventAnchors("in the month after the merger")[0]).toMatchObject({ relation: "after", span: { days: 30 }, anchor: "the merger" });
  });

  it("reads an open period after or before an event", () => {
    expect(findEventAnchors("What was repaired after the flood?")).toEqual([
      { text: "after the flood", index: 18, relation: "after", anchor: "the flood" },
    ]);
    expect(findEventAnchors("ahead of Putin's visit to Beijing")[0]).toMatchObject({ relation: "before", anchor: "Putin's visit to Beijing" });
    // "the weeks" says no length.
    expect(findEventAnchors("in the weeks following the ban")[0]).not.toHaveProperty("span");
  });

  it("ends the anchor at punctuation, a new clause or a date", () => {
    expect(findEventAnchors("After the flood, crews repaired leaks.")[0].anchor).toBe("the flood");
    expect(findEventAnchors("after the launch and before the review")).toEqual([
      expect.objectContaining({ relation: "after", anchor: "the launch" }),
      expect.objectContaining({ relation: "before", anchor: "the review" }),
    ]);
    expect(findEventAnchors("three weeks before the Kazan summit in 2024")[0]).toMatchObject({ span: { days: 21 }, anchor: "the Kazan summit" });
  });

  it("leaves dates, pronouns and clauses to others", () => {
    expect(findEventAnchors("What happened after June?")).toEqual([]);
    expect(findEventAnchors("the day after the first week of July")).toEqual([]);
    expect(findEventAnchors("What did he do after that?")).toEqual([]);
    expect(findEventAnchors("after he resigned")).toEqual([]);
    expect(findEventAnchors("the following week")).toEqual([]);
    // A month naming an event is no date.
    expect(findEventAnchors("after the June summit")[0].anchor).toBe("the June summit");
  });
});
