import pino from "pino";
import { describe, expect, it } from "vitest";
import type { AskResult } from "../chronicle.js";
import { conversationMessages, createConversationAnswerer } from "./conversation.js";
import { openSqliteStore } from "../store/index.js";
import type { ConversationMessage } from "./types.js";

const silent = pino({ level: "silent" });
const createThreadMemory = () => openSqliteStore({ path: ":memory:", logger: silent }).threads;

/** A Chronicle stand-in that answers with the question it was asked. */
const echo = {
  ask: async (question: string): Promise<AskResult> => ({ id: "x", question, answer: `About: ${question} [1]`, citations: [], refused: false, mode: "extractive", confidence: 1, sources: [] }),
};

describe("createConversationAnswerer", () => {
  it("asks a first message as written, without condensing", async () => {
    const calls: ConversationMessage[][] = [];
    const answer = createConversationAnswerer({ chronicle: echo, memory: createThreadMemory(), logger: silent, condense: async (m) => (calls.push(m), "unused") });
    const { result, standalone } = await answer("Who visited?", "t");
    expect(standalone).toBe("Who visited?");
    expect(result.question).toBe("Who visited?");
    expect(calls).toEqual([]);
  });

  it("condenses a follow-up with the thread's earlier turns and asks the standalone question", async () => {
    const calls: ConversationMessage[][] = [];
    const answer = createConversationAnswerer({ chronicle: echo, memory: createThreadMemory(), logger: silent, condense: async (m) => (calls.push(m), "When did Putin visit China?") });
    await answer("Who visited China?", "t");
    const { result, standalone } = await answer("When?", "t");
    expect(calls[0]).toEqual([
      { role: "user", content: "Who visited China?" },
      { role: "assistant", content: "About: Who visited China? [1]", citations: [] },
      { role: "user", content: "When?" },
    ]);
    expect(standalone).toBe("When did Putin visit China?");
    expect(result.question).toBe("When did Putin visit China?");
  });

  it("asks as written when condensing fails or says nothing", async () => {
    const memory = createThreadMemory();
    await memory.add("t", { question: "q", answer: "a", citations: [] });
    const failing = createConversationAnswerer({ chronicle: echo, memory, logger: silent, condense: async () => Promise.reject(new Error("down")) });
    expect((await failing("When?", "t")).standalone).toBe("When?");
    const blank = createConversationAnswerer({ chronicle: echo, memory, logger: silent, condense: async () => "  " });
    expect((await blank("Where?", "t")).standalone).toBe("Where?");
  });

  it("remembers nothing without a thread", async () => {
    const memory = createThreadMemory();
    const answer = createConversationAnswerer({ chronicle: echo, memory, logger: silent, condense: async () => "x" });
    await answer("Who?");
    expect(await memory.turns("")).toEqual([]);
    expect(await memory.turns("undefined")).toEqual([]);
  });
});

describe("conversationMessages", () => {
  it("alternates user and assistant turns, then the new message", () => {
    expect(conversationMessages([{ question: "q1", answer: "a1 [1]", citations: [] }], "q2").map((m) => `${m.role}:${m.content}`)).toEqual(["user:q1", "assistant:a1 [1]", "user:q2"]);
  });
});
