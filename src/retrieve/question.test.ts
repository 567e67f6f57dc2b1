import { describe, expect, it } from "vitest";
import { createSpelling } from "../text/spelling.js";
import { analyzeQuestion } from "./question.js";

const context = { year: 2023 };
const analyze = (q: string) => analyzeQuestion(q, context);
const intent = (q: string) => analyze(q).intent;
const type = (q: string) => analyze(q).answerType;

describe("analyzeQuestion", () => {
  it("reads the kind of answer asked for", () => {
    expect(intent("What happened in August 2023?")).toBe("timeline");
    expect(intent("List the releases")).toBe("timeline");
    expect(intent("How many releases were there?")).toBe("count");
    expect(intent("When was the first release?")).toBe("first");
    expect(intent("What was the last event in the timeline?")).toBe("last");
    expect(intent("When did the first-ever audit take place?")).toBe("when");
    expect(intent("Who chaired the review board?")).toBe("who");
    expect(intent("Where was the treatment plant built?")).toBe("where");
    expect(intent("Why did the pumps fail?")).toBe("general");
    expect(intent("events in Q3 2023")).toBe("timeline");
    expect(intent("anything happen between november and december 2022?")).toBe("timeline");
    expect(intent("Why did the events in March go wrong?")).toBe("general");
  });

  it("takes a request for an answer, not for a missing name", () => {
    expect(intent("Describe the upgrade procedure")).toBe("describe");
    expect(intent("Tell me about the Team plan")).toBe("describe");
    expect(intent("Summarize what changed in March 2024")).toBe("timeline");
    expect(analyze("Tell me about the Team plan").terms).toEqual(["team", "plan"]);
    expect(intent("Tell me when the office opens")).toBe("when");
  });

  it("reads the type of thing that answers", () => {
    expect(type("When did the flood start?")).toBe("date");
    expect(type("What time does the office open?")).toBe("time");
    expect(type("How much does the Team plan cost?")).toBe("money");
    expect(type("What was the budget for the new plant?")).toBe("money");
    expect(type("How much rain fell in July?")).toBe("number");
    expect(type("Who leads support?")).toBe("person");
    expect(type("Which engineer signed the report?")).toBe("name");
    expect(type("Which password manager does the team use?")).toBe("name");
    expect(type("Where is the head office?")).toBe("place");
    expect(type("What does the sync client do?")).toBe("any");
  });

  it("separates dates from terms and keeps names and numbers as keywords", () => {
    const analysis = analyze("What did Ada and Omar discuss on July 3 in Lisbon?");
    expect(analysis.periods.map((p) => p.range)).toEqual([{ start: "2023-07-03", end: "2023-07-03" }]);
    expect(analysis.terms).toEqual(["ada", "omar", "discuss", "lisbon"]);
    expect(analysis.keywords).toEqual(["Ada", "Omar", "Lisbon"]);
  });

  it("steers by a year asked about as a period, not by a year inside a name", () => {
    expect(analyze("What happened in 2019?").periods).toHaveLength(1);
    expect(analyze("What did they agree in 2019?").periods).toHaveLength(0);
    expect(analyze("Which ships joined Harbour Watch 2019?").periods).toHaveLength(0);
  });

  it("finds the thing counted", () => {
    expect(analyze("How many joint audits did they run?").countNoun).toBe("joint audits");
    expect(analyze("How many times did the board meet?").countNoun).toBe("times");
    expect(analyze("How many countries attended the summit?").countNoun).toBe("countries");
    expect(analyze("how many ships").countNoun).toBe("ships");
  });

  it("searches in the corpus's words: synonyms from the profile, misspellings corrected", () => {
    const spelling = createSpelling(["Pierre-Joseph Céloron led the French expedition."]);
    const analysis = analyzeQuestion("Where did Celeron lead the Frensh crew?", { year: 2023, spelling, synonyms: { crew: "expedition" } });
    expect(analysis.query).toBe("Where did Celoron lead the French expedition?");
    expect(analysis.corrections).toEqual([["Celeron", "celoron"], ["Frensh", "french"]]);
    expect(analysis.text).toBe("Where did Celeron lead the Frensh crew?");
  });
});
