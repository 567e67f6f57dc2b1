import pino from "pino";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../chat/index.js";
import type { AskResult, ChatAnswer } from "../chronicle.js";
import { conversationMessages, createConversationAnswerer } from "./conversation.js";
import { openSqliteStore } from "../store/index.js";

const silent = pino({ level: "silent" });
const createThreadMemory = () => openSqliteStore({ path: ":memory:", logger: silent }).threads;

/**
 * A Chronicle stand-in that records the conversations it is given and answers with a question of its
 * choosing (the last message by default), as if condensed.
 */
function echo(standaloneOf: (messages: ChatMessage[]) => string = (messages) => messages.at(-1)!.content) {
  const chats: ChatMessage[][] = [];
  const answer = (question: string): AskResult => ({ id: "x", question, answer: `About: ${question} [1]`, citations: [], refused: false, mode: "extractive", confidence: 1, sources: [] });
  const chronicle = {
    chat: async (messages: ChatMessage[]): Promise<ChatAnswer> => {
      chats.push(messages);
      const standalone = standaloneOf(messages);
      return { standalone, result: answer(standalone) };
    },
  };
  return { chats, chronicle };
}

describe("createConversationAnswerer", () => {
  it("asks a first message on its own", async () => {
    const { chats, chronicle } = echo();
    const answer = createConversationAnswerer({ chronicle, memory: createThreadMemory(), logger: silent });
    const { result, standalone } = await answer("Who visited?", "t");
    expect(standalone).toBe("Who visited?");
    expect(result.question).toBe("Who visited?");
    expect(chats).toEqual([[{ role: "user", content: "Who visited?" }]]);
  });

  it("asks a follow-up with the thread's earlier turns, and passes the standalone question on", async () => {
    const { chats, chronicle } = echo((messages) => (messages.length > 1 ? "When did Putin visit China?" : messages[0].content));
    const answer = createConversationAnswerer({ chronicle, memory: createThreadMemory(), logger: silent });
    await answer("Who visited China?", "t");
    const { result, standalone } = await answer("When?", "t");
    expect(chats[1]).toEqual([
      { role: "user", content: "Who visited China?" },
      { role: "assistant", content: "About: Who visited China? [1]", citations: [] },
      { role: "user", content: "When?" },
    ]);
    expect(standalone).toBe("When did Putin visit China?");
    expect(result.question).toBe("When did Putin visit China?");
  });

  it("keeps each turn as the user wrote it, for the next follow-up to condense afresh", async () => {
    const memory = createThreadMemory();
    const { chronicle } = echo(() => "When did Putin visit China?");
    const answer = createConversationAnswerer({ chronicle, memory, logger: silent });
    await answer("When?", "t");
    expect(await memory.turns("t")).toEqual([{ question: "When?", answer: "About: When did Putin visit China? [1]", citations: [] }]);
  });

  it("remembers nothing without a thread", async () => {
    const memory = createThreadMemory();
    const answer = createConversationAnswerer({ chronicle: echo().chronicle, memory, logger: silent });
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
