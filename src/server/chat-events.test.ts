import { describe, expect, it } from "vitest";
import type { Citation } from "../answer/index.js";
import type { AskEvent, AskResult } from "../chronicle.js";
import { orderChatEvents } from "./chat-events.js";

const citation: Citation = { n: 1, id: "c1", kind: "chronology", doc: "d.txt", text: "An entry." };
const result: AskResult = { id: "r1", question: "Q?", answer: "One. Two [1].", citations: [citation], refused: false, mode: "extractive", confidence: 1, sources: [] };

async function* from(events: AskEvent[]) {
  yield* events;
}
const order = async (events: AskEvent[]) => {
  const out = [];
  for await (const event of orderChatEvents(from(events), (done) => ({ ...done, extra: true }))) out.push(event);
  return out;
};

describe("orderChatEvents", () => {
  it("holds deltas until the result names the citations, then sends citations, deltas, done", async () => {
    expect(await order([{ delta: "One. " }, { delta: "Two [1]." }, { done: result }])).toEqual([
      { event: "citations", data: [citation] },
      { event: "delta", data: { text: "One. " } },
      { event: "delta", data: { text: "Two [1]." } },
      { event: "done", data: { ...result, extra: true } },
    ]);
  });

  it("sends early citations at once and later deltas as they come, and citations only once", async () => {
    const events = await order([{ citations: [citation] }, { delta: "One. " }, { citations: [] }, { delta: "Two [1]." }, { done: result }]);
    expect(events.map((e) => e.event)).toEqual(["citations", "delta", "delta", "done"]);
    expect(events[0].data).toEqual([citation]);
  });

  it("flushes deltas that came before late citations", async () => {
    const events = await order([{ delta: "Preface " }, { citations: [citation] }, { delta: "text" }, { done: result }]);
    expect(events.map((e) => (e.event === "delta" ? e.data.text : e.event))).toEqual(["citations", "Preface ", "text", "done"]);
  });

  it("sends an empty citations list for a refusal", async () => {
    const refusal = { ...result, answer: "The corpus does not cover this question.", citations: [], refused: true };
    expect((await order([{ delta: refusal.answer }, { done: refusal }]))[0]).toEqual({ event: "citations", data: [] });
  });

  it("fails when the stream ends without a result", async () => {
    await expect(order([{ delta: "Half" }])).rejects.toThrow(/ended without a result/);
  });
});
