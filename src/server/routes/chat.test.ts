import { describe, expect, it } from "vitest";
import { openChronicle, type Chronicle } from "../../chronicle.js";
import { silentLogger } from "../../logger.js";
import type { Citation } from "../../answer/index.js";
import type { ChatMessage, Condenser } from "../../chat/index.js";
import { parseSse, postJson, scriptedChronicle, testConfig, useSharedChronicle } from "../../../test-support/server-test-kit.js";
import { createApp, type AppOptions } from "../app.js";
import type { ChatResult } from "./chat.js";

let chronicle: Chronicle;
const { store } = useSharedChronicle((opened) => (chronicle = opened));
const app = (options: Partial<AppOptions> = {}) => createApp({ chronicle, config: testConfig(), logger: silentLogger, store, ...options });

const VISIT = [
  { role: "user", content: "When did Putin visit China?" },
  { role: "assistant", content: "May 16-17, 2024: Russian President Putin pays official visit to China. [1]" },
];

describe("POST /api/chat", () => {
  it("answers a first question as it is", async () => {
    const res = await postJson(app(), "/api/chat", { messages: [{ role: "user", content: "When did Li Qiang visit Moscow?" }] });
    const body = (await res.json()) as ChatResult;
    expect(res.status).toBe(200);
    expect(body.rewrittenQuestion).toBe("When did Li Qiang visit Moscow?");
    expect(body.answer).toContain("Aug. 20-21, 2024");
  });

  it("rewrites a follow-up into a standalone question before answering", async () => {
    const res = await postJson(app(), "/api/chat", { messages: [...VISIT, { role: "user", content: "What happened a month later?" }] });
    const body = (await res.json()) as ChatResult;
    expect(res.status).toBe(200);
    expect(body.rewrittenQuestion).toBe("What happened in June 2024?");
    expect(body.question).toBe("What happened in June 2024?");
    expect(body.answer).toContain("June 10, 2024");
    expect(body.citations[0].dateLabel).toBe("June 10, 2024");
  });

  it("condenses with the condenser the chronicle was opened with", async () => {
    const seen: ChatMessage[][] = [];
    const condenser: Condenser = async (messages) => (seen.push(messages), "When did Li Qiang visit Moscow?");
    const own = await openChronicle({ config: testConfig(), condenser });
    try {
      const res = await postJson(app({ chronicle: own }), "/api/chat", { messages: [...VISIT, { role: "user", content: "and him?" }] });
      expect(((await res.json()) as ChatResult).rewrittenQuestion).toBe("When did Li Qiang visit Moscow?");
      expect(seen).toEqual([[...VISIT, { role: "user", content: "and him?" }]]);
    } finally {
      await own.close();
    }
  });

  it("streams citations first, then deltas, then done with the same result as unstreamed", async () => {
    const messages = [...VISIT, { role: "user", content: "Who else attended?" }];
    const res = await postJson(app(), "/api/chat", { messages, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = parseSse(await res.text());
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("citations");
    expect(names.at(-1)).toBe("done");
    expect(names.filter((name) => name === "citations")).toHaveLength(1);
    expect(names.slice(1, -1).every((name) => name === "delta")).toBe(true);
    expect(names.length).toBeGreaterThan(2);

    const citations = JSON.parse(events[0].data) as Citation[];
    const done = JSON.parse(events.at(-1)!.data) as ChatResult;
    const text = events.slice(1, -1).map((e) => (JSON.parse(e.data) as { text: string }).text).join("");
    expect(text).toBe(done.answer);
    expect(citations).toEqual(done.citations);
    expect(done.rewrittenQuestion).toBe("Who else attended (Putin, China, May 16-17, 2024)?");

    const plain = (await (await postJson(app(), "/api/chat", { messages })).json()) as ChatResult;
    expect(Object.keys(done).sort()).toEqual(Object.keys(plain).sort());
    expect(done.answer).toBe(plain.answer);
  });

  it("passes an answerer's early citations on at once and its deltas live", async () => {
    const citation: Citation = { n: 1, id: "x", kind: "chronology", doc: "d.txt", text: "quoted" };
    const scripted = scriptedChronicle(chronicle, async function* (question) {
      yield { citations: [citation] };
      yield { delta: "Part one " };
      yield { delta: "[1]." };
      yield { done: { id: "a1", question, answer: "Part one [1].", citations: [citation], refused: false, mode: "llm", confidence: 1, sources: [] } };
    });
    const res = await postJson(app({ chronicle: scripted }), "/api/chat", { messages: [{ role: "user", content: "Why?" }], stream: true });
    const events = parseSse(await res.text());
    expect(events.map((e) => e.event)).toEqual(["citations", "delta", "delta", "done"]);
    expect(JSON.parse(events[1].data)).toEqual({ text: "Part one " });
    expect(JSON.parse(events[3].data)).toMatchObject({ id: "a1", mode: "llm", rewrittenQuestion: "Why?" });
  });

  it("ends the stream with an error event when answering fails, without a stack", async () => {
    const failing = scriptedChronicle(chronicle, async function* () {
      yield { delta: "Half an answer" };
      throw new Error("secret internals at /srv/chronicle/model.ts:12");
    });
    const res = await postJson(app({ chronicle: failing }), "/api/chat", { messages: [{ role: "user", content: "Why?" }], stream: true });
    const events = parseSse(await res.text());
    expect(events.map((e) => e.event)).toEqual(["error"]);
    expect(JSON.parse(events[0].data)).toEqual({ code: "internal", message: "internal error" });
  });

  it("counts lengths in characters, an emoji being one, and says so", async () => {
    const tooLong = await postJson(app(), "/api/chat", { messages: [{ role: "user", content: "😀".repeat(2001) }] });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toEqual({ error: { code: "invalid_request", message: "messages.0.content: the last question is 2001 characters; the limit is 2000" } });
    // 1,999 emoji and a question mark: 4,000 UTF-16 units, 2,000 characters.
    expect((await postJson(app(), "/api/chat", { messages: [{ role: "user", content: `${"😀".repeat(1999)}?` }] })).status).toBe(200);
    const history = [{ role: "assistant", content: "😀".repeat(10_000) }, { role: "user", content: "What else happened?" }];
    expect((await postJson(app(), "/api/chat", { messages: history })).status).toBe(200);
  });

  it.each([
    ["no messages", { messages: [] }, /messages is empty/],
    ["more than 50 messages", { messages: Array.from({ length: 51 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content: "hi" })) }, /51 messages; the limit is 50/],
    ["over 20,000 characters in all", { messages: [{ role: "assistant", content: "x".repeat(19_990) }, { role: "user", content: "What else happened?" }] }, /characters in all; the limit is 20000/],
    ["a bad role", { messages: [{ role: "system", content: "Be brief" }, { role: "user", content: "Hi" }] }, /role must be "user" or "assistant", got "system"/],
    ["a last message from the assistant", { messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello" }] }, /last message must be from the user/],
    ["an empty last question", { messages: [{ role: "user", content: "  " }] }, /last question is empty/],
    ["a last question over 2,000 characters", { messages: [{ role: "user", content: "y".repeat(2001) }] }, /2001 characters; the limit is 2000/],
    ["content that is not a string", { messages: [{ role: "user", content: ["Hi"] }] }, /content must be a string/],
    ["a stream flag that is not a boolean", { messages: [{ role: "user", content: "Hi" }], stream: "yes" }, /stream/],
  ])("rejects %s with 400", async (_name, body, message) => {
    const res = await postJson(app(), "/api/chat", body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe("invalid_request");
    expect(json.error.message).toMatch(message);
  });
});
