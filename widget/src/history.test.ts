import { describe, expect, it } from "vitest";
import { recentHistory } from "./history.js";
import type { ChatMessage } from "./types.js";

const turn = (i: number, size = 10): ChatMessage[] => [
  { role: "user", content: `q${i}`.padEnd(size, ".") },
  { role: "assistant", content: `a${i}`.padEnd(size, ".") },
];

describe("recentHistory", () => {
  it("keeps everything when it is small", () => {
    const messages = [...turn(1), ...turn(2)];
    expect(recentHistory(messages)).toEqual(messages);
  });

  it("keeps the newest messages up to the count, starting on a question", () => {
    const messages = [1, 2, 3, 4].flatMap((i) => turn(i));
    expect(recentHistory(messages, { messages: 3, chars: 1000 }).map((m) => m.content.slice(0, 2))).toEqual(["q4", "a4"]);
    expect(recentHistory(messages, { messages: 4, chars: 1000 }).map((m) => m.content.slice(0, 2))).toEqual(["q3", "a3", "q4", "a4"]);
  });

  it("stops before the character budget is passed", () => {
    const messages = [...turn(1, 500), ...turn(2, 500), ...turn(3, 500)];
    expect(recentHistory(messages, { messages: 50, chars: 1200 }).map((m) => m.content.slice(0, 2))).toEqual(["q3", "a3"]);
    expect(recentHistory([{ role: "assistant", content: "x".repeat(50) }], { messages: 5, chars: 10 })).toEqual([]);
  });

  it("drops stored fields the server does not take", () => {
    const stored = [{ role: "user" as const, content: "q" }, { role: "assistant" as const, content: "a", citations: [], refused: false }];
    expect(recentHistory(stored)).toEqual([{ role: "user", content: "q" }, { role: "assistant", content: "a" }]);
  });
});
