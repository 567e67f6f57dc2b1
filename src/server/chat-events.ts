import type { Citation } from "../answer/index.js";
import type { AskEvent, AskResult } from "../chronicle.js";

/** The SSE events of POST /api/chat, in the order clients rely on: citations, deltas, done. */
export type ChatEvent<Done> =
  | { event: "citations"; data: Citation[] }
  | { event: "delta"; data: { text: string } }
  | { event: "done"; data: Done };

/**
 * Puts an answer stream in client order: `citations` once, before any text; then `delta`s; then `done`.
 * An answerer that announces its citations first (an LLM) has its deltas passed on live. One that only
 * knows them at the end (the extractive answerer) has its deltas held back until `done`, then sent
 * after the citations from the result.
 */
export async function* orderChatEvents<Done>(events: AsyncIterable<AskEvent>, finish: (result: AskResult) => Done | Promise<Done>): AsyncGenerator<ChatEvent<Done>> {
  let announced = false;
  const held: string[] = [];
  for await (const event of events) {
    if ("citations" in event) {
      if (!announced) {
        announced = true;
        yield { event: "citations", data: event.citations };
        for (const text of held.splice(0)) yield { event: "delta", data: { text } };
      }
    } else if ("delta" in event) {
      if (announced) yield { event: "delta", data: { text: event.delta } };
      else held.push(event.delta);
    } else {
      if (!announced) {
        announced = true;
        yield { event: "citations", data: event.done.citations };
        for (const text of held.splice(0)) yield { event: "delta", data: { text } };
      }
      yield { event: "done", data: await finish(event.done) };
      return;
    }
  }
  throw new Error("the answer stream ended without a result");
}
