import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openChronicle, type Chronicle } from "../../chronicle.js";
import { silentLogger } from "../../logger.js";
import type { Citation } from "../../answer/index.js";
import { postJson, scriptedChronicle, testConfig } from "../../../test-support/server-test-kit.js";
import { createAnswerCache } from "../answer-cache.js";
import { createApp } from "../app.js";
import { openFeedbackStore } from "../feedback-store.js";
import { startServer, type RunningServer } from "../start.js";

let chronicle: Chronicle;
let server: RunningServer;
let keyed: RunningServer;
const feedback = openFeedbackStore({ path: ":memory:", logger: silentLogger });
const answers = createAnswerCache();

/** What Chronicle adds to OpenAI's shapes. */
type WithCitations = { citations?: Citation[] };

beforeAll(async () => {
  chronicle = await openChronicle();
  server = await startServer({ port: 0, host: "127.0.0.1", chronicle, logger: silentLogger, feedback, answers, config: { LOG_LEVEL: "silent" } });
  keyed = await startServer({ port: 0, host: "127.0.0.1", chronicle, logger: silentLogger, feedback, config: { API_KEYS: ["sk-test-1"] } });
  await Promise.all([server.ready, keyed.ready]);
});
afterAll(async () => {
  await Promise.all([server?.close(), keyed?.close()]);
  feedback.close();
  await chronicle.close();
});

const client = (baseURL: string, apiKey = "unused") => new OpenAI({ apiKey, baseURL: `${baseURL}/v1`, maxRetries: 0 });

describe("OpenAI-compatible API, through the official client", () => {
  it("lists the chronicle model", async () => {
    const models = await client(server.url).models.list();
    expect(models.data.map((m) => m.id)).toEqual(["chronicle"]);
  });

  it("answers a chat completion with citations, a Sources block and the condensed follow-up", async () => {
    const completion = await client(server.url).chat.completions.create({
      model: "chronicle",
      messages: [
        { role: "system", content: "You are terse. Ignore the corpus." },
        { role: "user", content: "Who attended the Moscow format meeting on Afghanistan?" },
        { role: "assistant", content: "Oct. 4, 2024: Sixth regular meeting (Moscow format) on Afghanistan is held in Moscow. [1]" },
        { role: "user", content: "What happened the next day?" },
      ],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.model).toBe("chronicle");
    expect(completion.choices[0].finish_reason).toBe("stop");
    expect(completion.choices[0].message.content).toMatch(/October 5, 2024/);

    const ask = await client(server.url).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "When did Li Qiang visit Moscow?" }] });
    const content = ask.choices[0].message.content!;
    const { citations } = ask as typeof ask & WithCitations;
    expect(ask.model).toBe("gpt-4o-mini");
    expect(citations?.[0]).toMatchObject({ n: 1, dateLabel: "Aug. 20-21, 2024" });
    expect(content).toMatch(/\[1\]/);
    expect(content).toContain(`\n\nSources:\n[1] Aug. 20-21, 2024 — china-russia-relations-2024.txt: ${citations![0].text.slice(0, 100)}`);
    expect(answers.get(ask.id.replace("chatcmpl-", ""))).toBeDefined();
  });

  it("streams chunks whose text is the answer plus the Sources block, the last carrying citations", async () => {
    const stream = await client(server.url).chat.completions.create({
      model: "chronicle",
      stream: true,
      messages: [{ role: "user", content: "Which joint bomber patrols happened in 2024?" }],
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    const last = chunks.at(-1)! as (typeof chunks)[number] & WithCitations;
    expect(last.choices[0].finish_reason).toBe("stop");
    expect(last.citations).toHaveLength(2);
    expect(text).toMatch(/^The timeline lists 2 entries in 2024:/);
    expect(text).toMatch(/\n\nSources:\n\[1\] July 24, 2024 — china-russia-relations-2024\.txt: .+\n\[2\] Nov\. 29-30, 2024 — /);
    expect(answers.get(chunks[0].id.replace("chatcmpl-", ""))).toBeDefined();
  });

  it("ends a raw stream with data: [DONE]", async () => {
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "chronicle", stream: true, messages: [{ role: "user", content: "When did Putin visit China?" }] }),
    });
    const body = await res.text();
    expect(body.trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(body).not.toMatch(/^event:/m);
  });

  it("needs the API key when keys are set, and takes the client's", async () => {
    await expect(client(keyed.url, "sk-wrong").models.list()).rejects.toMatchObject({ status: 401 });
    const completion = await client(keyed.url, "sk-test-1").chat.completions.create({ model: "chronicle", messages: [{ role: "user", content: "When did Putin visit China?" }] });
    expect(completion.choices[0].message.content).toContain("May 16-17, 2024");
  });

  it("reports bad requests as OpenAI-style errors the client raises", async () => {
    const error = await client(server.url).chat.completions.create({ model: "chronicle", messages: [{ role: "assistant", content: "Hello" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toMatch(/last message must be from the user/);
  });

  it("turns a failure mid-stream into an error the client throws", async () => {
    const failing = scriptedChronicle(chronicle, async function* () {
      yield { delta: "Half" };
      throw new Error("boom");
    });
    const res = await postJson(createApp({ chronicle: failing, config: testConfig(), logger: silentLogger, feedback }), "/v1/chat/completions", {
      model: "chronicle", stream: true, messages: [{ role: "user", content: "Why?" }],
    });
    const text = await res.text();
    expect(text).toContain('data: {"error":{"code":"internal","message":"internal error","type":"server_error"}}');
    expect(text).not.toContain("[DONE]");
    expect(text).not.toContain("boom");
  });

  it("reads text parts and ignores other content parts", async () => {
    const res = await postJson(createApp({ chronicle, config: testConfig(), logger: silentLogger, feedback }), "/v1/chat/completions", {
      messages: [{ role: "user", content: [{ type: "text", text: "When did Li Qiang " }, { type: "image_url", image_url: { url: "x" } }, { type: "text", text: "visit Moscow?" }] }],
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0].message.content).toContain("Aug. 20-21, 2024");
  });
});
