import { describe, expect, it } from "vitest";
import { conversationTurns, isConversationTurn } from "./openai-conversation.js";

const window = { messages: 50, chars: 20_000 };

describe("isConversationTurn", () => {
  it("is the user's and the assistant's messages with text, not instructions or tool traffic", () => {
    expect(isConversationTurn({ role: "user", content: "When?" })).toBe(true);
    expect(isConversationTurn({ role: "assistant", content: "In May [1]." })).toBe(true);
    expect(isConversationTurn({ role: "assistant", content: "" })).toBe(false);
    for (const role of ["system", "developer", "tool", "function"]) expect(isConversationTurn({ role, content: "text" })).toBe(false);
  });
});

describe("conversationTurns", () => {
  it("keeps the user and assistant turns in order, skipping the rest", () => {
    expect(conversationTurns([
      { role: "system", content: "You are helpful." },
      { role: "user", content: "What is the weather?" },
      { role: "assistant", content: "" },
      { role: "tool", content: '{"temperature": 21}' },
      { role: "assistant", content: "21 degrees." },
      { role: "user", content: "When did Putin visit China?" },
    ], window)).toEqual([
      { role: "user", content: "What is the weather?" },
      { role: "assistant", content: "21 degrees." },
      { role: "user", content: "When did Putin visit China?" },
    ]);
  });

  it("drops the oldest turns past the message count, starting the window on a question", () => {
    const turns = Array.from({ length: 9 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content: `turn ${i}` }));
    expect(conversationTurns(turns, { messages: 4, chars: 1000 }).map((m) => m.content)).toEqual(["turn 6", "turn 7", "turn 8"]);
    expect(conversationTurns(turns, { messages: 5, chars: 1000 }).map((m) => m.content)).toEqual(["turn 4", "turn 5", "turn 6", "turn 7", "turn 8"]);
  });

  it("drops the oldest turns past the character count, counting code points", () => {
    const turns = [
      { role: "user", content: "a".repeat(10) },
      { role: "assistant", content: "😀".repeat(10) },
      { role: "user", content: "b".repeat(10) },
      { role: "assistant", content: "c".repeat(10) },
      { role: "user", content: "d".repeat(10) },
    ];
    // Counted in UTF-16 units the ten 😀 would be twenty, and 50 would not reach back to the first question.
    const firsts = (chars: number) => conversationTurns(turns, { messages: 50, chars }).map((m) => [...m.content][0]);
    expect(firsts(50)).toEqual(["a", "😀", "b", "c", "d"]);
    expect(firsts(49)).toEqual(["b", "c", "d"]);
  });

  it("always keeps the question, however long", () => {
    expect(conversationTurns([{ role: "user", content: "x".repeat(100) }], { messages: 50, chars: 10 })).toEqual([{ role: "user", content: "x".repeat(100) }]);
  });
});
