import { describe, expect, it } from "vitest";
import { introText, NEUTRAL_INTRO, pageSubtitle, refusalHint, suggestedQuestions, timelineHeading } from "./corpus-copy.js";
import type { CorpusInfo } from "./types.js";

const corpus = (overrides: Partial<CorpusInfo> = {}): CorpusInfo => ({
  title: "Harbour archive",
  description: "Minutes of the harbour board",
  sampleQuestions: ["Who chaired the board?", "What happened in June 1998?", "When was the pier rebuilt?", "Who paid for the dredging?", "What did the crane cost?"],
  documents: [{ name: "minutes.md", title: "Minutes" }],
  coverage: { start: "1998-02-01", end: "1998-11-30" },
  counts: { documents: 1, passages: 40, datedEntries: 12 },
  ...overrides,
});

describe("corpus copy", () => {
  it("says only neutral things before the description arrives", () => {
    expect(introText(undefined)).toBe(`${NEUTRAL_INTRO} Every answer cites the passages it comes from.`);
    expect(suggestedQuestions(undefined)).toEqual([]);
    expect(refusalHint(undefined)).toMatch(/^Chronicle only answers from its documents\./);
    expect(timelineHeading(undefined)).toBe("Timeline");
    expect(pageSubtitle(undefined)).toBe("Ask a question about these documents, or read their timeline. Every answer cites its sources.");
  });

  it("introduces the corpus in its own words and offers its first sample questions", () => {
    expect(introText(corpus())).toBe("Minutes of the harbour board. Every answer cites the passages it comes from.");
    expect(suggestedQuestions(corpus())).toEqual(["Who chaired the board?", "What happened in June 1998?", "When was the pier rebuilt?", "Who paid for the dredging?"]);
    expect(suggestedQuestions(corpus(), 2)).toHaveLength(2);
    expect(pageSubtitle(corpus({ description: "Minutes of the harbour board." }))).toBe("Minutes of the harbour board. Every answer cites its sources.");
  });

  it("names the covered period in the timeline's heading and the refusal's hint", () => {
    expect(timelineHeading(corpus())).toBe("Timeline, February–November 1998");
    expect(timelineHeading(corpus({ coverage: { start: "1997-10-01", end: "1998-03-01" } }))).toBe("Timeline, 1997–1998");
    expect(timelineHeading(corpus({ coverage: null }))).toBe("Timeline");
    expect(refusalHint(corpus())).toBe("Chronicle only answers from its one document (dated entries: February–November 1998). Try one of these:");
    expect(refusalHint(corpus({ coverage: null, sampleQuestions: [], counts: { documents: 3, passages: 9, datedEntries: 0 } })))
      .toBe("Chronicle only answers from its 3 documents. Try asking about something they cover: an event, a name, a date.");
  });
});
