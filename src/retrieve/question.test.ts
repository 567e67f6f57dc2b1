import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "./question.js";

const intent = (q: string) => analyzeQuestion(q, 2024).intent;

describe("analyzeQuestion", () => {
  it("reads the kind of answer asked for", () => {
    expect(intent("What happened in August 2024?")).toBe("timeline");
    expect(intent("Which meetings did Wang Yi and Lavrov hold?")).toBe("timeline");
    expect(intent("How many joint bomber patrols were there?")).toBe("count");
    expect(intent("When was the first joint naval patrol?")).toBe("first");
    expect(intent("What was the last event in the chronology?")).toBe("last");
    expect(intent("When did the first-ever coast guard patrol reach the Arctic?")).toBe("when");
    expect(intent("Who chaired the BRICS security meeting?")).toBe("who");
    expect(intent("Where was the Valdai Forum held?")).toBe("where");
    expect(intent("Why did Russia pivot to China?")).toBe("general");
  });

  it("separates dates from terms and keeps names and numbers as keywords", () => {
    const analysis = analyzeQuestion("What did Xi and Putin discuss on July 3 in Astana?", 2024);
    expect(analysis.periods.map((p) => p.range)).toEqual([{ start: "2024-07-03", end: "2024-07-03" }]);
    expect(analysis.terms).toEqual(["xi", "putin", "discuss", "astana"]);
    expect(analysis.keywords).toEqual(["Xi", "Putin", "Astana"]);
  });

  it("keeps a year as a date but not as a period that steers retrieval", () => {
    const analysis = analyzeQuestion("What did they agree in 2019?", 2024);
    expect(analysis.dates).toHaveLength(1);
    expect(analysis.periods).toHaveLength(0);
  });

  it("finds the thing counted", () => {
    expect(analyzeQuestion("How many joint strategic bomber patrols did they fly?", 2024).countNoun).toBe("joint strategic bomber patrols");
    expect(analyzeQuestion("How many times did Xi and Putin meet?", 2024).countNoun).toBe("times");
    expect(analyzeQuestion("How many friendly nations sent observers?", 2024).countNoun).toBe("friendly nations");
    expect(analyzeQuestion("How many countries attended the summit?", 2024).countNoun).toBe("countries");
    expect(analyzeQuestion("how many ships", 2024).countNoun).toBe("ships");
  });
});
