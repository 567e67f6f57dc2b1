import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../test-support/fake-openai.js";
import { openChronicle, type Chronicle } from "./chronicle.js";

let fake: FakeOpenAI;
let chronicle: Chronicle;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  // Configured the way a user would: an OpenAI-compatible server URL, nothing else.
  chronicle = await openChronicle({ config: { OPENAI_BASE_URL: fake.url, LLM_MODEL: "fake-chat", LLM_TIMEOUT_MS: 500 } });
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
