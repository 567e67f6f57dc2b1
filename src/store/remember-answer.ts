import type { AskResult } from "../ask-result.js";
import type { Logger } from "../logger.js";
import type { StateStore } from "./types.js";

/** Logs an answer so it can be rated later, from any replica; never fails the answer itself. */
export type RememberAnswer = (result: AskResult) => Promise<void>;

/** How long an answer waits for its log entry before it is sent anyway. */
export const REMEMBER_DEADLINE_MS = 500;

/**
 * An answer is worth more than its rating. The answer waits for its log entry, so a rating sent at once
 * to another replica finds it, but only up to `deadlineMs`: a slow database then costs the asker half a
 * second at most, and the entry still lands behind the answer. A database that is down costs only the
 * rating, with a warning.
 */
export function answerRememberer(store: Pick<StateStore, "answers">, logger: Logger, deadlineMs = REMEMBER_DEADLINE_MS): RememberAnswer {
  return async (result) => {
    const logged = store.answers.record({
      id: result.id,
      question: result.question,
      answer: result.answer,
      citations: result.citations,
      mode: result.mode,
      ...(result.refusal ? { refusal: result.refusal.reason } : {}),
    }).then(
      () => true,
      (error: Error) => {
        logger.warn({ answerId: result.id, err: error.message }, "answer not logged: it cannot be rated");
        return true;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)));
    const inTime = await Promise.race([logged, late]);
    clearTimeout(timer);
    if (!inTime) logger.warn({ answerId: result.id, deadlineMs }, "answer sent before its log entry was written: the database is slow");
  };
}
