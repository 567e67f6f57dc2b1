import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../test-support/fake-openai.js";
import { testConfig } from "../test-support/test-config.js";
import type { ChatMessage } from "./chat/index.js";
import { openChronicle, type Chronicle } from "./chronicle.js";

let fake: FakeOpenAI;
let chronicle: Chronicle;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  // Configured the way a user would: an OpenAI-compatible server URL, nothing else.
  chronicle = await openChronicle({ config: testConfig({ OPENAI_BASE_URL: fake.url, LLM_MODEL: "fake-chat", LLM_TIMEOUT_MS: 500 }) });
});
afterAll(async () => {
  await chronicle.close();
  await fake.close();
});

describe("openChronicle with an LLM configured", () => {
  it("answers through the model, citing the numbered sources it was given", async () => {
    fake.script({ reply: "On July 24, 2024, Russian and Chinese bombers patrolled near Alaska [1]." });
    const result = await chronicle.ask("When did Chinese and Russian bombers patrol near Alaska?");
    expect(result.mode).toBe("llm");
    expect(result.answer).toContain("July 24, 2024");
    expect(result.citations).toHaveLength(1);
    expect(result.citations[0].id).toBe(result.sources[0].id);
    const prompt = JSON.stringify(fake.chatRequests().at(-1)!.body.messages);
    expect(prompt).toContain("When did Chinese and Russian bombers patrol near Alaska?");
    expect(prompt).toContain("[1]");
  });

  it("answers a repeated question from the cache, with an id of its own, without asking the model again", async () => {
    const asked = fake.chatRequests().length;
    const first = await chronicle.ask("When did Chinese and Russian bombers patrol near Alaska?");
    const again = await chronicle.ask("  when did chinese and russian bombers patrol near Alaska ");
    expect(fake.chatRequests().length).toBe(asked);
    expect(again.answer).toBe(first.answer);
    expect(again.id).not.toBe(first.id);
    expect(again.question).toBe("  when did chinese and russian bombers patrol near Alaska ");
    // Streamed, the cached answer comes in the same three kinds of event.
    const events = [];
    for await (const event of chronicle.askStream("When did Chinese and Russian bombers patrol near Alaska?")) events.push(event);
    expect(events.map((event) => Object.keys(event)[0])).toEqual(["citations", "delta", "done"]);
    // Other filters are another question.
    fake.script({ reply: "Nothing in that window [1]." });
    await chronicle.ask("When did Chinese and Russian bombers patrol near Alaska?", { filters: { kind: "article" } });
    expect(fake.chatRequests().length).toBe(asked + 1);
  });

  it("falls back to the extractive answer when the model fails, and keeps no fallback in the cache", async () => {
    fake.script({ status: 500 });
    const result = await chronicle.ask("When did the bombers patrol near Alaska?");
    expect(result.mode).toBe("extractive");
    expect(result.answer).toMatch(/July 24/);
    fake.script({ reply: "On July 24, 2024, bombers patrolled near Alaska [1]." });
    expect((await chronicle.ask("When did the bombers patrol near Alaska?")).mode).toBe("llm");
  });

  it("falls back within the timeout when the model hangs", async () => {
    fake.script({ hang: true });
    const started = performance.now();
    const result = await chronicle.ask("What happened in August 2024?");
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.mode).toBe("extractive");
  });
});

describe("chat with an LLM configured", () => {
  const VISIT: ChatMessage[] = [
    { role: "user", content: "When did Putin visit China?" },
    { role: "assistant", content: "May 16-17, 2024: Russian President Putin pays official visit to China. [1]" },
  ];

  it("condenses a follow-up with the model, then answers the standalone question", async () => {
    fake.script({ reply: "What did Putin and Xi sign during the May 2024 visit?" }, { reply: "They signed a joint statement [1]." });
    const asked = fake.chatRequests().length;
    const { standalone, result } = await chronicle.chat([...VISIT, { role: "user", content: "And what did they sign?" }]);
    expect(standalone).toBe("What did Putin and Xi sign during the May 2024 visit?");
    expect(result.question).toBe(standalone);
    const [condensing, answering] = fake.chatRequests().slice(asked);
    expect(JSON.stringify(condensing.body.messages)).toContain("And what did they sign?");
    expect(JSON.stringify(answering.body.messages)).toContain(standalone);
  });

  it("condenses offline, in the corpus's year, when the model fails", async () => {
    fake.script({ status: 500 }, { reply: "On June 10, 2024 the foreign ministers met [1]." });
    const { standalone } = await chronicle.chat([...VISIT, { role: "user", content: "What happened a month later?" }]);
    expect(standalone).toBe("What happened in June 2024?");
  });

  it("asks a first message as written, without a call to condense it", async () => {
    fake.script({ reply: "Li Qiang visited Moscow on Aug. 20-21, 2024 [1]." });
    const asked = fake.chatRequests().length;
    const { standalone, result } = await chronicle.chat([{ role: "user", content: " When did Li Qiang visit Moscow? " }]);
    expect(standalone).toBe("When did Li Qiang visit Moscow?");
    expect(result.mode).toBe("llm");
    expect(fake.chatRequests().length).toBe(asked + 1);
  });

  it("streams the answer to the standalone question, and passes an abort on", async () => {
    fake.script({ reply: "What happened in June 2024?" }, { reply: "Foreign ministers met on June 10, 2024 [1]." });
    const { standalone, events } = await chronicle.chatStream([...VISIT, { role: "user", content: "What happened a month later?" }]);
    expect(standalone).toBe("What happened in June 2024?");
    const kinds = [];
    for await (const event of events) kinds.push(Object.keys(event)[0]);
    expect(kinds[0]).toBe("citations");
    expect(kinds.at(-1)).toBe("done");
    await expect(chronicle.chat([...VISIT, { role: "user", content: "And then?" }], { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
  });
});
