import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openChronicle, type Chronicle } from "../../chronicle.js";
import { silentLogger } from "../../logger.js";
import { startFakeOpenAI, type FakeOpenAI } from "../../../test-support/fake-openai.js";
import { parseSse, postJson, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openSqliteStore } from "../../store/index.js";
import type { ChatResult } from "./chat.js";

// The chat routes with the real LLM answerer, against a fake OpenAI-compatible server on loopback.
let fake: FakeOpenAI;
let chronicle: Chronicle;
const store = openSqliteStore({ path: ":memory:", logger: silentLogger });
const app = () => createApp({ chronicle, config: testConfig(), logger: silentLogger, store });

beforeAll(async () => {
  fake = await startFakeOpenAI();
  chronicle = await openChronicle({ config: testConfig({ OPENAI_BASE_URL: fake.url, LLM_MODEL: "fake-chat", LLM_TIMEOUT_MS: 5_000 }) });
});
afterAll(async () => {
  store.close();
  await chronicle?.close();
  await fake?.close();
});

describe("chat with the LLM answerer", () => {
  it("streams /api/chat in client order: citations, deltas, done", async () => {
    fake.script({ reply: "Putin paid an official visit to China on May 16-17, 2024 [1]." });
    const res = await postJson(app(), "/api/chat", { stream: true, messages: [{ role: "user", content: "When did Putin visit China?" }] });
    const events = parseSse(await res.text());
    expect(events[0].event).toBe("citations");
    expect(events.at(-1)!.event).toBe("done");
    const done = JSON.parse(events.at(-1)!.data) as ChatResult;
    expect(done.mode).toBe("llm");
    // The LLM answerer announces every numbered source before its text; done keeps those it cited.
    const announced = JSON.parse(events[0].data) as Array<{ n: number; id: string }>;
    expect(announced.length).toBeGreaterThanOrEqual(done.citations.length);
    for (const citation of done.citations) expect(announced.find((c) => c.n === citation.n)?.id).toBe(citation.id);
    expect(events.slice(1, -1).map((e) => (JSON.parse(e.data) as { text: string }).text).join("")).toBe(done.answer);
  });

  it("streams /v1/chat/completions deltas, then the Sources block and citations", async () => {
    fake.script({ reply: "Li Qiang visited Moscow on Aug. 20-21, 2024 [1]." });
    const res = await postJson(app(), "/v1/chat/completions", { model: "chronicle", stream: true, messages: [{ role: "user", content: "When did Li Qiang visit Moscow?" }] });
    const chunks = parseSse(await res.text()).map((e) => e.data);
    expect(chunks.at(-1)).toBe("[DONE]");
    const parsed = chunks.slice(0, -1).map((data) => JSON.parse(data) as { choices: Array<{ delta: { content?: string } }>; citations?: unknown[] });
    const text = parsed.map((c) => c.choices[0].delta.content ?? "").join("");
    expect(text).toMatch(/^Li Qiang visited Moscow on Aug\. 20-21, 2024 \[1\]\.\n\nSources:\n\[1\] /);
    expect(parsed.at(-1)!.citations).toHaveLength(1);
  });
});
