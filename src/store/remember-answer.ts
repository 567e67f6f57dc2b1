import type { AskResult } from "../chronicle.js";
import type { Logger } from "../logger.js";
import type { StateStore } from "./types.js";

/** Logs an answer so it can be rated later, from any replica; never fails the answer itself. */
export type RememberAnswer = (result: AskResult) => Promise<void>;

/**
 * An answer is worth more than its rating: when the store is down the answer is still given, with a
 * warning that it cannot be rated.
 */
export function answerRememberer(store: Pick<StateStore, "answers">, logger: Logger): RememberAnswer {
  return async (result) => {
    try {
      await store.answers.record({
        id: result.id,
        question: result.question,
        answer: result.answer,
        citations: result.citations,
        mode: result.mode,
        ...(result.refusal ? { refusal: result.refusal.reason } : {}),
      });
    } catch (error) {
      logger.warn({ answerId: result.id, err: (error as Error).message }, "answer not logged: it cannot be rated");
    }
  };
}
