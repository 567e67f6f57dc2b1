import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openChronicle, type Chronicle } from "../../chronicle.js";
import { silentLogger } from "../../logger.js";
import type { Citation } from "../../answer/index.js";
import type { ChatMessage } from "../../chat/index.js";
import { legacyFunctionChatRequest, libreChatRequest, longChat, openWebUIChatRequest, openWebUITaskRequest, openWebUIToolChatRequest } from "../../../test-support/chat-front-ends.js";
import { fakeChronicle, parseSse, postJson, scriptedChronicle, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openSqliteStore } from "../../store/index.js";
import { LIMITS } from "../schemas.js";
import { startServer, type RunningServer } from "../start.js";

let chronicle: Chronicle;
let server: RunningServer;
let keyed: RunningServer;
const store = openSqliteStore({ path: ":memory:", logger: silentLogger });

/** What Chronicle adds to OpenAI's shapes. */
type WithCitations = { citations?: Citation[] };

beforeAll(async () => {
  chronicle = await openChronicle({ config: testConfig() });
  server = await startServer({ port: 0, host: "127.0.0.1", chronicle, logger: silentLogger, store, config: testConfig() });
  keyed = await startServer({ port: 0, host: "127.0.0.1", chronicle, logger: silentLogger, store, config: testConfig({ API_KEYS: ["sk-test-1"] }) });
  await Promise.all([server.ready, keyed.ready]);
});
afterAll(async () => {
  await Promise.all([server?.close(), keyed?.close()]);
  await store.close();
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
    expect(await store.answers.get(ask.id.replace("chatcmpl-", ""))).toBeDefined();
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
    expect(await store.answers.get(chunks[0].id.replace("chatcmpl-", ""))).toBeDefined();
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
    const res = await postJson(createApp({ chronicle: failing, config: testConfig(), logger: silentLogger, store }), "/v1/chat/completions", {
      model: "chronicle", stream: true, messages: [{ role: "user", content: "Why?" }],
    });
    const text = await res.text();
    expect(text).toContain('data: {"error":{"code":"internal","message":"internal error","type":"server_error"}}');
    expect(text).not.toContain("[DONE]");
    expect(text).not.toContain("boom");
  });

  it("reads text parts and ignores other content parts", async () => {
    const res = await postJson(createApp({ chronicle, config: testConfig(), logger: silentLogger, store }), "/v1/chat/completions", {
      messages: [{ role: "user", content: [{ type: "text", text: "When did Li Qiang " }, { type: "image_url", image_url: { url: "x" } }, { type: "text", text: "visit Moscow?" }] }],
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { choices: Array<{ message: { content: string } }> }).choices[0].message.content).toContain("Aug. 20-21, 2024");
  });
});

/** A fake chronicle behind the real app, recording the conversations it is asked to answer. */
function recordingApp() {
  const chats: ChatMessage[][] = [];
  const fake = fakeChronicle();
  const recording: Chronicle = {
    ...fake,
    chat: (messages, options) => (chats.push(messages), fake.chat(messages, options)),
    chatStream: (messages, options) => (chats.push(messages), fake.chatStream(messages, options)),
  };
  const app = createApp({ chronicle: recording, config: testConfig(), logger: silentLogger, store });
  return { chats, post: (body: unknown) => postJson(app, "/v1/chat/completions", body) };
}

type Completion = { choices: Array<{ message: { content: string }; finish_reason: string }>; usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } };
type Chunk = { id: string; choices: Array<{ delta: { content?: string }; finish_reason: string | null }>; usage?: Completion["usage"] | null };

/** The chunks of an SSE completion, and whether it ended with [DONE]. */
async function readStream(res: Response): Promise<{ chunks: Chunk[]; done: boolean }> {
  const data = parseSse(await res.text()).map((event) => event.data);
  const done = data.at(-1) === "[DONE]";
  return { chunks: (done ? data.slice(0, -1) : data).map((line) => JSON.parse(line) as Chunk), done };
}

const streamedText = (chunks: Chunk[]) => chunks.flatMap((chunk) => chunk.choices).map((choice) => choice.delta.content ?? "").join("");

describe("usage", () => {
  it("ends a stream with OpenAI's usage chunk before [DONE] when stream_options.include_usage is set", async () => {
    const { post } = recordingApp();
    const res = await post({ stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "When did Putin visit China?" }] });
    const { chunks, done } = await readStream(res);
    expect(done).toBe(true);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual({
      prompt_tokens: Math.ceil("When did Putin visit China?".length / 4),
      completion_tokens: Math.ceil(streamedText(chunks).length / 4),
      total_tokens: last.usage!.prompt_tokens + last.usage!.completion_tokens,
    });
    expect(last.usage!.completion_tokens).toBeGreaterThan(0);
    // As OpenAI's: every other chunk says usage: null, and all share the stream's id.
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it("sends no usage chunk without it", async () => {
    for (const stream_options of [undefined, { include_usage: false }]) {
      const { chunks, done } = await readStream(await recordingApp().post({ stream: true, stream_options, messages: [{ role: "user", content: "When did Putin visit China?" }] }));
      expect(done).toBe(true);
      for (const chunk of chunks) {
        expect(chunk.choices).toHaveLength(1);
        expect(chunk).not.toHaveProperty("usage");
      }
    }
  });

  it("is read by the official client from a stream, and carried by a whole completion", async () => {
    const stream = await client(server.url).chat.completions.create({
      model: "chronicle", stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "When did Putin visit China?" }],
    });
    const usages = [];
    for await (const chunk of stream) if (chunk.usage) usages.push(chunk.usage);
    expect(usages).toEqual([{ prompt_tokens: 7, completion_tokens: expect.any(Number), total_tokens: expect.any(Number) }]);

    const completion = await client(server.url).chat.completions.create({ model: "chronicle", messages: [{ role: "user", content: "When did Putin visit China?" }] });
    expect(completion.usage).toEqual({
      prompt_tokens: 7,
      completion_tokens: Math.ceil(completion.choices[0].message.content!.length / 4),
      total_tokens: 7 + Math.ceil(completion.choices[0].message.content!.length / 4),
    });
  });
});

describe("n", () => {
  it("refuses more than one choice with a clear 400, and takes n: 1", async () => {
    const { post } = recordingApp();
    const messages = [{ role: "user", content: "When did Putin visit China?" }];
    const res = await post({ n: 3, messages });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_request", message: "n is 3; Chronicle gives one answer per request, so n must be 1" } });
    expect((await post({ n: 1, messages })).status).toBe(200);
    expect((await post({ n: null, messages })).status).toBe(200);
    const error = await client(server.url).chat.completions.create({ model: "chronicle", n: 2, messages: [{ role: "user", content: "Hi" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toMatch(/n must be 1/);
  });
});

describe("requests as chat front ends send them", () => {
  it("Open WebUI title generation: a prompt quoting a long chat gets an empty JSON object, without retrieval", async () => {
    const { post, chats } = recordingApp();
    const body = openWebUITaskRequest(longChat(8));
    expect(body.messages[0].content.length).toBeGreaterThan(2000);
    const res = await post(body);
    expect(res.status).toBe(200);
    const completion = (await res.json()) as Completion;
    expect(completion.choices[0]).toMatchObject({ message: { content: "{}" }, finish_reason: "stop" });
    expect(completion.usage.prompt_tokens).toBeGreaterThan(500);
    expect(chats).toEqual([]);
  });

  it("Open WebUI tag generation, and a task streamed", async () => {
    const { post, chats } = recordingApp();
    expect(((await (await post(openWebUITaskRequest(longChat(8), "tags"))).json()) as Completion).choices[0].message.content).toBe("{}");
    const { chunks, done } = await readStream(await post({ ...openWebUITaskRequest(longChat(8)), stream: true }));
    expect(done).toBe(true);
    expect(streamedText(chunks)).toBe("{}");
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe("stop");
    expect(chats).toEqual([]);
  });

  it("Open WebUI chat with tool messages: the system prompt, tool calls and tool results are skipped", async () => {
    const { post, chats } = recordingApp();
    const res = await post(openWebUIToolChatRequest("When did Putin visit China?"));
    expect(res.status).toBe(200);
    const { chunks, done } = await readStream(res);
    expect(done).toBe(true);
    expect(streamedText(chunks)).toMatch(/^A canned answer \[1\]\./);
    expect(chunks.at(-1)!.usage).toMatchObject({ prompt_tokens: expect.any(Number) });
    expect(chats).toEqual([[
      { role: "user", content: "What time is it in Moscow?" },
      { role: "assistant", content: "It is 13:00 in Moscow." },
      { role: "user", content: "When did Putin visit China?" },
    ]]);
  });

  it("a chat with the older functions API", async () => {
    const { post, chats } = recordingApp();
    const res = await post(legacyFunctionChatRequest("When did Putin visit China?"));
    expect(res.status).toBe(200);
    expect(chats[0].map((m) => m.role)).toEqual(["user", "user"]);
  });

  it("LibreChat with a long system prompt, content parts and n: 1", async () => {
    const { post, chats } = recordingApp();
    // Instructions alone over the 20,000 characters /api/chat takes for a whole conversation.
    const body = libreChatRequest(longChat(3), "What happened in meeting 2 then?", 24_000);
    expect(body.messages[0].content.length).toBe(24_000);
    const res = await post(body);
    expect(res.status).toBe(200);
    const { chunks, done } = await readStream(res);
    expect(done).toBe(true);
    expect(chunks.at(-1)!.choices).toEqual([]);
    const [turns] = chats;
    expect(turns).toHaveLength(7);
    expect(turns.at(-1)).toEqual({ role: "user", content: "What happened in meeting 2 then?" });
    expect(turns.some((m) => m.content.includes("research assistant"))).toBe(false);
  });

  it("Open WebUI sending a whole long chat: the oldest turns are dropped, not the request", async () => {
    const { post, chats } = recordingApp();
    // 81 messages, about 37,000 characters: over both of /api/chat's limits.
    const body = openWebUIChatRequest(longChat(40, 900), "When did Putin visit China?");
    expect(body.messages.length).toBeGreaterThan(LIMITS.messages);
    const res = await post(body);
    expect(res.status).toBe(200);
    const [turns] = chats;
    expect(turns.length).toBeLessThanOrEqual(LIMITS.messages);
    expect(turns.reduce((sum, m) => sum + m.content.length, 0)).toBeLessThanOrEqual(LIMITS.conversationChars);
    // Meetings 20 to 40 (928 characters an exchange) and the question fit in 20,000; meeting 19's answer would not.
    expect(turns).toHaveLength(43);
    expect(turns[0]).toEqual({ role: "user", content: "What happened in meeting 20?" });
    expect(turns.at(-1)).toEqual({ role: "user", content: "When did Putin visit China?" });
  });

  it("a last user message over the limit still gets the clear 400, counted in characters", async () => {
    const { post, chats } = recordingApp();
    const tooLong = await post(libreChatRequest(longChat(1), "y".repeat(2001)));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toEqual({ error: { code: "invalid_request", message: "messages.3.content: the last question is 2001 characters; the limit is 2000" } });
    const emoji = await post({ messages: [{ role: "user", content: [{ type: "text", text: "😀".repeat(2001) }] }] });
    expect(((await emoji.json()) as { error: { message: string } }).error.message).toMatch(/the last question is 2001 characters; the limit is 2000$/);
    // 1,999 emoji and a question mark: 4,000 UTF-16 units, 2,000 characters.
    expect((await post({ messages: [{ role: "user", content: `${"😀".repeat(1999)}?` }] })).status).toBe(200);
    expect(chats).toHaveLength(1);
  });

  it("still refuses a role it does not know", async () => {
    const res = await recordingApp().post({ messages: [{ role: "critic", content: "Hmm" }, { role: "user", content: "Hi" }] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/got "critic"/);
  });
});
