import type { AskResult } from "../chronicle.js";

/** What feedback stores about the answer it rates. */
export type RememberedAnswer = Pick<AskResult, "id" | "question" | "answer" | "citations">;

/** The most recent answers by id, so feedback can name an answer and the server knows what it said. */
export interface RecentAnswers {
  remember(result: AskResult): void;
  get(id: string): RememberedAnswer | undefined;
  readonly size: number;
}

/** How many answers feedback can still find by default. */
export const DEFAULT_REMEMBERED_ANSWERS = 5_000;

/** A bounded map: once full, each new answer pushes out the oldest. Only what feedback needs is kept. */
export function createRecentAnswers(max = DEFAULT_REMEMBERED_ANSWERS): RecentAnswers {
  const answers = new Map<string, RememberedAnswer>();
  return {
    remember({ id, question, answer, citations }) {
      answers.delete(id);
      answers.set(id, { id, question, answer, citations });
      // Maps iterate in insertion order, so the first key is the oldest answer.
      while (answers.size > max) answers.delete(answers.keys().next().value!);
    },
    get: (id) => answers.get(id),
    get size() {
      return answers.size;
    },
  };
}
