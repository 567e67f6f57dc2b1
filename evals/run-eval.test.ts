import { describe, expect, it } from "vitest";
import type { QaItem } from "./dataset.js";
import { runEval, type EvalTarget } from "./run-eval.js";

const chunks = new Map([
  ["c1", "July 24, 2024: Four Russian and Chinese strategic bombers carry out a joint patrol near Alaska."],
  ["c2", "Oct. 14-15, 2024: Russian Defense Minister Andrei Belousov travels to Beijing."],
]);

/** A stand-in assistant: always retrieves c2 then c1, and answers with a fixed citation of c1. */
function fakeTarget(calls: string[]): EvalTarget {
  return {
    async ask(question) {
      calls.push(`ask:${question}`);
      return { answer: "On July 24.", refused: false, citations: [{ id: "c1", text: "excerpt only" }] };
    },
    async retrieve(question, { k }) {
      calls.push(`retrieve:${question}:${k}`);
      return ["c2", "c1"].map((id) => ({ chunk: { id, text: chunks.get(id)! }, score: 1 }));
    },
    chunk: (id) => (chunks.has(id) ? { text: chunks.get(id)! } : undefined),
  };
}

const item: QaItem = {
  id: "alaska",
  question: "When did the bombers fly near Alaska?",
  answer: "July 24",
  mustInclude: [["July 24"]],
  sources: ["strategic bombers carry out a joint patrol"],
  answerable: true,
};

describe("runEval", () => {
  it("warms up once, asks, retrieves 20, and matches citations against full chunk text", async () => {
    const calls: string[] = [];
    const seen: string[] = [];
    const { records, summary } = await runEval(fakeTarget(calls), [item], { onRecord: (r) => seen.push(r.item.id) });

    expect(calls).toEqual([`ask:${item.question}`, `ask:${item.question}`, `retrieve:${item.question}:20`]);
    expect(seen).toEqual(["alaska"]);
    expect(records[0]!.citedTexts).toEqual([chunks.get("c1")]);
    expect(summary.retrieval).toEqual({ recallAt1: 0, recallAt5: 1, mrr: 0.5 });
    expect(summary.answers.accuracy).toBe(1);
    expect(summary.citations).toEqual({ hitRate: 1, precision: 1 });
  });
});
