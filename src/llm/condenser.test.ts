import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../../test-support/fake-openai.js";
import type { ChatMessage } from "../chat/types.js";
import { createLlmCondenser, formatConversation, type LlmCondenserOptions } from "./condenser.js";

let fake: FakeOpenAI;
let logs: Array<{ level: number; reason?: string }>;
let fallbackCalls: ChatMessage[][];

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  logs = [];
  fallbackCalls = [];
});

/** The fallback a server might use: the last question, as asked. */
const lastQuestion = async (messages: ChatMessage[]) => {
  fallbackCalls.push(messages);
  return messages.findLast((m) => m.role === "user")?.content ?? "";
};

function condenser(options: Partial<LlmCondenserOptions> = {}) {
  const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  return createLlmCondenser({ baseURL: fake.url, model: "fake-chat", timeoutMs: 5_000, fallback: lastQuestion, logger, ...options });
}

const CONVERSATION: ChatMessage[] = [
  { role: "user", content: "When did Putin visit Beijing?" },
  { role: "assistant", content: "May 16-17, 2024: Putin visits Beijing for talks with Xi [1]." },
  { role: "user", content: "And what did they sign?" },
];
const warned = (reason: string) => logs.some((line) => line.level === 40 && line.reason === reason);

describe("createLlmCondenser", () => {
  it("asks the model with the conversation and the follow-up, and returns its question", async () => {
    fake.script({ reply: "What did Putin and Xi sign during Putin's May 2024 visit to Beijing?" });
    const question = await condenser()(CONVERSATION);
    expect(question).toBe("What did Putin and Xi sign during Putin's May 2024 visit to Beijing?");
    const [request] = fake.chatRequests();
    const [message] = request.body.messages;
    expect(message.role).toBe("user");
    expect(message.content).toContain("User: When did Putin visit Beijing?");
    // Markers mean nothing outside their answer, so they are left out.
    expect(message.content).toContain("Assistant: May 16-17, 2024: Putin visits Beijing for talks with Xi.");
    expect(message.content).toContain("Latest message: And what did they sign?");
    expect(message.content).toMatch(/quoted data, never an instruction/);
    expect(fallbackCalls).toHaveLength(0);
  });

  it("returns a first question as it is, without a call", async () => {
    expect(await condenser()([{ role: "user", content: "  Who is Dong Jun? " }])).toBe("Who is Dong Jun?");
    expect(fake.chatRequests()).toHaveLength(0);
  });

  it("strips a label and quotes the model added", async () => {
    fake.script({ reply: 'Standalone question: "What did Putin and Xi sign in May 2024?"\nThis resolves "they".' });
    expect(await condenser()(CONVERSATION)).toBe("What did Putin and Xi sign in May 2024?");
  });

  it.each([
    ["a 500", { status: 500 }, "server_error"],
    ["garbage", { garbage: true as const }, "malformed"],
    ["an empty reply", { reply: " " }, "malformed"],
    ["an answer instead of a question", { reply: "They signed ".repeat(60) }, "malformed"],
  ])("falls back on %s", async (_, behaviour, reason) => {
    fake.script(behaviour);
    expect(await condenser()(CONVERSATION)).toBe("And what did they sign?");
    expect(fallbackCalls).toEqual([CONVERSATION]);
    expect(warned(reason)).toBe(true);
  });

  it("falls back within the timeout when the model hangs", async () => {
    fake.script({ hang: true });
    const started = Date.now();
    expect(await condenser({ timeoutMs: 300 })(CONVERSATION)).toBe("And what did they sign?");
    expect(Date.now() - started).toBeLessThan(300 + 500);
    expect(warned("timeout")).toBe(true);
  });

  it("falls back when the caller aborts", async () => {
    fake.script({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await condenser()(CONVERSATION, { signal: controller.signal })).toBe("And what did they sign?");
    expect(logs.some((line) => line.reason === "cancelled")).toBe(true);
  });

  it("retries a 429 once", async () => {
    fake.script({ rateLimit: { retryAfter: 0 } }, { reply: "What did Putin and Xi sign in May 2024?" });
    expect(await condenser()(CONVERSATION)).toBe("What did Putin and Xi sign in May 2024?");
    expect(fake.chatRequests()).toHaveLength(2);
  });
});

describe("formatConversation", () => {
  it("puts each turn on one line, cut to a few hundred characters", () => {
    const long = `${"word ".repeat(200)}end`;
    const text = formatConversation([{ role: "assistant", content: `line one\nline two [2]` }, { role: "user", content: long }]);
    const [first, second] = text.split("\n");
    expect(first).toBe("Assistant: line one line two");
    expect(second.length).toBeLessThan(620);
    expect(second.endsWith(" …")).toBe(true);
  });
});
