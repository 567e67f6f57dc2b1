import { describe, expect, it } from "vitest";
import { longChat, openWebUITaskRequest } from "../../test-support/chat-front-ends.js";
import { isFrontEndTask } from "./front-end-tasks.js";

const promptOf = (body: { messages: Array<{ content: string }> }) => body.messages[0].content;

describe("isFrontEndTask", () => {
  it("recognises Open WebUI's title and tag prompts, however long the chat they quote", () => {
    expect(isFrontEndTask(promptOf(openWebUITaskRequest(longChat(1))))).toBe(true);
    expect(isFrontEndTask(promptOf(openWebUITaskRequest(longChat(12), "tags")))).toBe(true);
  });

  it("leaves questions alone, even ones that mention a task or quote a chat", () => {
    expect(isFrontEndTask("When did Putin visit China?")).toBe(false);
    expect(isFrontEndTask("What was the task: of the working group? ### Task: none")).toBe(false);
    expect(isFrontEndTask("### Task: list the meetings in 2024")).toBe(false);
    expect(isFrontEndTask("Summarize <chat_history>USER: hi</chat_history>")).toBe(false);
  });
});
