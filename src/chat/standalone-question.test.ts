import { describe, expect, it } from "vitest";
import { memoryLogger } from "../../test-support/server-test-kit.js";
import { standaloneQuestion } from "./standalone-question.js";
import type { ChatMessage, Condenser } from "./types.js";

const VISIT: ChatMessage[] = [
  { role: "user", content: "Who visited China?" },
  { role: "assistant", content: "May 16-17, 2024: Russian President Putin pays official visit to China. [1]" },
];

/** A condenser that records what it read and answers `reply`. */
function recording(reply: () => Promise<string>) {
  const calls: ChatMessage[][] = [];
  const condense: Condenser = async (messages) => (calls.push(messages), reply());
  return { calls, condense };
}

describe("standaloneQuestion", () => {
  it("asks a first message as written, without condensing", async () => {
    const { calls, condense } = recording(async () => "unused");
    const { logger } = memoryLogger();
    expect(await standaloneQuestion([{ role: "user", content: "  Who visited?  " }], condense, { logger })).toBe("Who visited?");
    expect(calls).toEqual([]);
  });

  it("condenses a follow-up against the earlier turns", async () => {
    const { calls, condense } = recording(async () => " When did Putin visit China? ");
    const { logger } = memoryLogger();
    const messages: ChatMessage[] = [...VISIT, { role: "user", content: "When?" }];
    expect(await standaloneQuestion(messages, condense, { logger })).toBe("When did Putin visit China?");
    expect(calls).toEqual([messages]);
  });

  it("asks as written when the condenser fails, saying why, or says nothing", async () => {
    const messages: ChatMessage[] = [...VISIT, { role: "user", content: "When?" }];
    const { logger, lines } = memoryLogger();
    expect(await standaloneQuestion(messages, recording(() => Promise.reject(new Error("model down"))).condense, { logger })).toBe("When?");
    expect(lines()).toEqual([expect.objectContaining({ level: 40, err: "model down", msg: "follow-up could not be condensed; asking it as written" })]);
    expect(await standaloneQuestion(messages, recording(async () => "  ").condense, { logger })).toBe("When?");
  });

  it("passes an abort on instead of asking", async () => {
    const controller = new AbortController();
    const { condense } = recording(async () => {
      controller.abort();
      throw controller.signal.reason;
    });
    const { logger, lines } = memoryLogger();
    await expect(standaloneQuestion([...VISIT, { role: "user", content: "When?" }], condense, { logger, signal: controller.signal })).rejects.toThrow(/abort/i);
    expect(lines()).toEqual([]);
  });

  it("refuses a conversation that does not end with a question", async () => {
    const { logger } = memoryLogger();
    await expect(standaloneQuestion(VISIT, recording(async () => "x").condense, { logger })).rejects.toThrow(/last message must be from the user/);
  });
});
