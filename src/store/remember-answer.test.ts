import { describe, expect, it } from "vitest";
import type { AskResult } from "../chronicle.js";
import { memoryLogger } from "../../test-support/server-test-kit.js";
import { answerRememberer } from "./remember-answer.js";
import type { LoggedAnswer, StateStore } from "./types.js";

const result: AskResult = { id: "a1", question: "When does it open?", answer: "At 08:30. [1]", citations: [], refused: false, mode: "extractive", confidence: 0.9, sources: [] };

/** An answer log whose writes take `delayMs`, or fail. */
function slowLog(delayMs: number, fail = false) {
  const written: LoggedAnswer[] = [];
  const answers: StateStore["answers"] = {
    record: (answer) => new Promise((resolve, reject) => setTimeout(() => (fail ? reject(new Error("connection refused")) : (written.push(answer), resolve())), delayMs)),
    get: async (id) => written.find((answer) => answer.id === id),
  };
  return { store: { answers }, written };
}

describe("answerRememberer", () => {
  it("waits for the log entry, so a rating sent at once finds the answer", async () => {
    const { store, written } = slowLog(20);
    await answerRememberer(store, memoryLogger().logger)(result);
    expect(written).toEqual([{ id: "a1", question: result.question, answer: result.answer, citations: [], mode: "extractive" }]);
  });

  it("sends the answer after the deadline when the database is slow, and the entry still lands", async () => {
    const { store, written } = slowLog(300);
    const { logger, lines } = memoryLogger();
    const started = performance.now();
    await answerRememberer(store, logger, 50)(result);
    expect(performance.now() - started).toBeLessThan(250);
    expect(written).toEqual([]);
    expect(lines().some((line) => /database is slow/.test(String(line.msg)))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(written.map((answer) => answer.id)).toEqual(["a1"]);
  });

  it("never fails the answer when the database is down", async () => {
    const { store } = slowLog(1, true);
    const { logger, lines } = memoryLogger();
    await expect(answerRememberer(store, logger)(result)).resolves.toBeUndefined();
    expect(lines().some((line) => line.level === 40 && /cannot be rated/.test(String(line.msg)))).toBe(true);
  });
});
