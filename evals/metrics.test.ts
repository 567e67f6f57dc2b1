import { describe, expect, it } from "vitest";
import type { QaItem } from "./dataset.js";
import { auroc, findFailures, percentile, recallAt, satisfiesMustInclude, scoreRecord, summarize, type EvalRecord } from "./metrics.js";
import { containsNormalized, containsSource, normalize } from "./normalize.js";

describe("normalize", () => {
  it("lower-cases, straightens curly quotes and collapses whitespace", () => {
    expect(normalize("“Hello”  World\n\t‘x’ ‚y‛ „z‟")).toBe(`"hello" world 'x' 'y' "z"`);
  });

  it("applies NFKC", () => {
    expect(normalize("ﬁve ＡＢ")).toBe("five ab");
  });

  it("leaves dashes alone", () => {
    expect(normalize("July 2–16")).toBe("july 2–16");
    expect(containsNormalized("July 2-16", "July 2–16")).toBe(false);
  });

  it("matches across quote and spacing differences", () => {
    expect(containsNormalized("China’s  special\nenvoy", "CHINA'S SPECIAL ENVOY")).toBe(true);
  });
});

describe("satisfiesMustInclude", () => {
  it("needs one alternative from every group", () => {
    const groups = [["July 24", "24 July"], ["Belousov"]];
    expect(satisfiesMustInclude("On 24 july, BELOUSOV flew.", groups)).toBe(true);
    expect(satisfiesMustInclude("On 24 July.", groups)).toBe(false);
  });

  it("is vacuously true without groups", () => {
    expect(satisfiesMustInclude("anything", [])).toBe(true);
  });
});

describe("recallAt", () => {
  it("is the fraction of sources found in the top k texts", () => {
    const texts = ["nothing", "has alpha", "x", "y", "z", "has gamma"];
    expect(recallAt(texts, ["alpha", "gamma"], 1)).toBe(0);
    expect(recallAt(texts, ["alpha", "gamma"], 5)).toBe(0.5);
    expect(recallAt(texts, ["alpha", "gamma"], 6)).toBe(1);
    expect(recallAt(texts, [], 5)).toBe(0);
  });
});

describe("percentile", () => {
  it("interpolates linearly between ranks", () => {
    expect(percentile([500, 100, 300, 200, 400], 50)).toBe(300);
    expect(percentile([100, 200, 300, 400, 500], 95)).toBeCloseTo(480, 9);
    expect(percentile([10, 20, 30, 40], 50)).toBe(25);
    expect(percentile([], 50)).toBe(0);
  });
});

function item(id: string, answerable: boolean, sources: string[] = [], mustInclude: string[][] = []): QaItem {
  return { id, question: `question ${id}`, answer: "", mustInclude, sources, answerable };
}

/** Five hand-made records whose metrics are worked out by hand in the test below. */
const records: EvalRecord[] = [
  {
    // Source 1 at rank 2, source 2 only at rank 6; correct; one of two citations matches.
    item: item("a", true, ["Alpha beta", "Gamma"], [["July 24", "24 July"], ["Belousov"]]),
    retrievedTexts: ["x", "… alpha  BETA …", "y", "z", "w", "gamma here"],
    result: { answer: "On 24 July Belousov.", refused: false },
    citedTexts: ["contains Alpha beta", "unrelated"],
    latencyMs: 100,
  },
  {
    // Curly source found at rank 1; answer misses the required number; its citation does not match.
    item: item("b", true, ["“Quoted” text"], [["90,000", "90000"]]),
    retrievedTexts: ['"quoted"   TEXT and more'],
    result: { answer: "Answer 45000.", refused: false },
    citedTexts: ["nothing"],
    latencyMs: 300,
  },
  {
    // Nothing retrieved; refused although answerable.
    item: item("c", true, ["delta"], [["delta"]]),
    retrievedTexts: ["epsilon"],
    result: { answer: "I cannot answer.", refused: true },
    citedTexts: [],
    latencyMs: 200,
  },
  {
    item: item("d", false),
    retrievedTexts: ["whatever"],
    result: { answer: "Not in corpus.", refused: true },
    citedTexts: [],
    latencyMs: 400,
  },
  {
    item: item("e", false),
    retrievedTexts: [],
    result: { answer: "Made up.", refused: false },
    citedTexts: ["some chunk"],
    latencyMs: 500,
  },
];

describe("scoreRecord", () => {
  it("finds the rank of the first chunk containing any source", () => {
    expect(records.map((r) => scoreRecord(r).firstSourceRank)).toEqual([2, 1, null, null, null]);
  });

  it("passes answerable items when correct and unanswerable ones when refused", () => {
    expect(records.map((r) => scoreRecord(r).passed)).toEqual([true, false, false, true, false]);
  });
});

describe("summarize", () => {
  const summary = summarize(records);

  it("computes retrieval metrics over answerable questions", () => {
    expect(summary.n).toBe(5);
    expect(summary.answerable).toBe(3);
    expect(summary.retrieval).toEqual({ recallAt1: 0.333, recallAt5: 0.5, mrr: 0.5 });
  });

  it("computes answer accuracy over all answerable questions and median length over all", () => {
    expect(summary.answers).toEqual({ accuracy: 0.333, medianChars: 14 });
  });

  it("judges citations by the cited chunk's full text", () => {
    expect(summary.citations).toEqual({ hitRate: 0.333, precision: 0.333 });
  });

  it("computes refusal metrics", () => {
    expect(summary.refusals).toEqual({ accuracy: 0.5, falseRefusalRate: 0.333, hedgedWithSource: 0, bareFalseRefusalRate: 0.333, reasons: { unspecified: 2 } });
  });

  it("counts a refusal whose related passages support the answer as hedged with a source", () => {
    const hedged = records.map((r) => (r.item.id === "c" ? { ...r, relatedTexts: ["a delta passage"] } : r));
    const refusals = summarize(hedged).refusals;
    expect([refusals.falseRefusalRate, refusals.hedgedWithSource, refusals.bareFalseRefusalRate]).toEqual([0.333, 0.333, 0]);
  });

  it("measures how well confidence ranks correct answers above the rest", () => {
    // Without confidences an answer counts 1 and a refusal 0: the correct answer ties with two wrong ones.
    expect(summary.confidence.auroc).toBe(0.75);
    const ranked = records.map((r, i) => ({ ...r, result: { ...r.result, confidence: [0.9, 0.5, 0.2, 0.1, 0.6][i]! } }));
    expect(summarize(ranked).confidence.auroc).toBe(1);
    expect(auroc([{ score: 0.2, positive: true }, { score: 0.8, positive: false }])).toBe(0);
  });

  it("computes latency percentiles rounded to 0.1 ms", () => {
    expect(summary.latencyMs).toEqual({ p50: 300, p95: 480 });
  });

  it("keeps the documented key order", () => {
    expect(JSON.stringify(summary)).toBe(
      '{"n":5,"answerable":3,"retrieval":{"recallAt1":0.333,"recallAt5":0.5,"mrr":0.5},' +
        '"answers":{"accuracy":0.333,"medianChars":14},"citations":{"hitRate":0.333,"precision":0.333},' +
        '"refusals":{"accuracy":0.5,"falseRefusalRate":0.333,"hedgedWithSource":0,"bareFalseRefusalRate":0.333,"reasons":{"unspecified":2}},' +
        '"confidence":{"auroc":0.75},"latencyMs":{"p50":300,"p95":480}}',
    );
  });

  it("reports zeros for an empty run", () => {
    expect(summarize([])).toEqual({
      n: 0,
      answerable: 0,
      retrieval: { recallAt1: 0, recallAt5: 0, mrr: 0 },
      answers: { accuracy: 0, medianChars: 0 },
      citations: { hitRate: 0, precision: 0 },
      refusals: { accuracy: 0, falseRefusalRate: 0, hedgedWithSource: 0, bareFalseRefusalRate: 0, reasons: {} },
      confidence: { auroc: 0.5 },
      latencyMs: { p50: 0, p95: 0 },
    });
  });

  it("rounds latency to one decimal", () => {
    const timed = records.map((r, i) => ({ ...r, latencyMs: [1.26, 1.24, 1.25, 1.21, 1.29][i]! }));
    expect(summarize(timed).latencyMs.p50).toBe(1.3);
  });
});

describe("findFailures", () => {
  it("lists the ids behind each shortfall", () => {
    expect(findFailures(records)).toEqual({
      retrieval: ["a", "c"],
      answers: ["b", "c"],
      citations: ["b", "c"],
      refusals: ["e"],
      falseRefusals: ["c"],
    });
  });
});

describe("containsSource", () => {
  it("finds a source quoted with Markdown in the plain text a document is read into", () => {
    expect(containsSource("schedule (default \"02:30\"): time of the daily backup.", "`schedule` (default `\"02:30\"`): time of the daily backup.")).toBe(true);
    expect(containsSource("Plan: Team; Price: EUR 6; Users: 5 to 250; SSO: No", "| Team | EUR 6 | 5 to 250 | No |")).toBe(true);
    expect(containsSource("Plan: Team; Price: EUR 9; Users: 5 to 250", "| Team | EUR 6 | 5 to 250 |")).toBe(false);
    expect(containsSource("Lockers are assigned by the desk.", "- **Lockers** are assigned by the desk.")).toBe(true);
  });
});
