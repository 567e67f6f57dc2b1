import { describe, expect, it } from "vitest";
import type { Chunk } from "../index/chunk.js";
import { createCorpusContext } from "./corpus-context.js";
import { analyzeQuestion } from "./question.js";
import { rerankFeatures, RERANK_FEATURES, type FusedCandidate } from "./rerank.js";

const chunk = (id: string, text: string, extra: Partial<Chunk> = {}): Chunk => ({ id, doc: "d.md", kind: "article", text, position: 0, ...extra });

const chunks = [
  chunk("opened", "The new depot opened in the spring. It opened on 14 March 2023 after two years of work."),
  chunk("planned", "The new depot was planned by the council. Work on the depot took two years."),
  chunk("billing", "Invoices are sent monthly.", { section: "Billing and invoices", headings: ["Guide", "Billing and invoices"] }),
  chunk("leave", "Staff take paid leave in August. Unpaid time off needs a manager's approval."),
];
const context = createCorpusContext(chunks);
const candidates = (ids: string[]): FusedCandidate[] => ids.map((id) => ({ chunk: context.byId.get(id)!, fused: 1, dateMatch: 0, exact: 0 }));
const feature = (rows: number[][], row: number, name: (typeof RERANK_FEATURES)[number]) => rows[row]![RERANK_FEATURES.indexOf(name)]!;
const analyze = (question: string) => analyzeQuestion(question, { year: context.year });

describe("reranker features", () => {
  it("has one value per feature for every candidate", () => {
    const rows = rerankFeatures(analyze("When did the new depot open?"), candidates(["opened", "planned"]), context);
    expect(rows.map((row) => row.length)).toEqual([RERANK_FEATURES.length, RERANK_FEATURES.length]);
  });

  it("marks the passage that holds the type of thing asked, and how well its holding sentence covers the question", () => {
    const rows = rerankFeatures(analyze("When did the new depot open?"), candidates(["opened", "planned"]), context);
    expect(feature(rows, 0, "typePresent")).toBe(1);
    expect(feature(rows, 1, "typePresent")).toBe(0);
    expect(feature(rows, 0, "typedSentenceCoverage")).toBeGreaterThan(0.5);
    expect(feature(rows, 1, "typedSentenceCoverage")).toBe(0);
  });

  it("gives a question that asks for no particular type no type signal", () => {
    const rows = rerankFeatures(analyze("Tell me about the new depot"), candidates(["opened", "planned"]), context);
    expect([feature(rows, 0, "typePresent"), feature(rows, 1, "typePresent")]).toEqual([0, 0]);
  });

  it("counts the heading on its own", () => {
    const rows = rerankFeatures(analyze("How does billing work?"), candidates(["billing", "leave"]), context);
    expect(feature(rows, 0, "headingCoverage")).toBeGreaterThan(0);
    expect(feature(rows, 1, "headingCoverage")).toBe(0);
  });

  it("counts the question's phrases a passage keeps together", () => {
    const rows = rerankFeatures(analyze("How much paid leave do staff get?"), candidates(["leave", "planned"]), context);
    expect(feature(rows, 0, "phraseShare")).toBeGreaterThan(0);
    expect(feature(rows, 1, "phraseShare")).toBe(0);
  });
});
