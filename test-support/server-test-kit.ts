import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono, type MiddlewareHandler } from "hono";
import { afterAll, beforeAll } from "vitest";
import type { ChatMessage } from "../src/chat/index.js";
import { openChronicle, type AskEvent, type Chronicle } from "../src/chronicle.js";
import { openSqliteStore, type StateStore } from "../src/store/index.js";
import { silentLogger, type Logger } from "../src/logger.js";
import type { AppEnv } from "../src/server/app-env.js";
import { createErrorHandler, notFoundHandler } from "../src/server/error-handler.js";
import pino from "pino";
import { testConfig } from "./test-config.js";

export { testConfig };

/**
 * The setup route tests share: the index opened before the file's tests (handed to `opened`) and an
 * in-memory state store, both closed after them.
 */
export function useSharedChronicle(opened: (chronicle: Chronicle) => void): { store: StateStore } {
  const store = openSqliteStore({ path: ":memory:", logger: silentLogger });
  let chronicle: Chronicle | undefined;
  beforeAll(async () => {
    chronicle = await openChronicle({ config: testConfig() });
    opened(chronicle);
  });
  afterAll(async () => {
    await store.close();
    await chronicle?.close();
  });
  return { store };
}

/** A fresh temporary folder and a function that removes it. */
export function tempDir(prefix = "chronicle-server-"): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A JSON POST through app.request, without a port. */
export function postJson(app: Hono<any>, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }));
}

/** One Server-Sent Event as read off the wire. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** Splits an SSE body into events; multi-line data is joined with "\n" as browsers do. */
export function parseSse(text: string): SseEvent[] {
  return text
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split(/\r?\n/);
      const event = lines.find((line) => line.startsWith("event:"))?.slice(6).trim();
      const data = lines.filter((line) => line.startsWith("data:")).map((line) => line.slice(5).replace(/^ /, "")).join("\n");
      return { ...(event ? { event } : {}), data };
    });
}

/** A logger that keeps its JSON lines in memory, for tests that check what was logged. */
export function memoryLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const logger = pino({ level: "debug", base: undefined }, { write: (chunk: string) => void chunks.push(chunk) });
  return { logger, lines: () => chunks.join("").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** The same chronicle waiting `ms` before each answer, asked or chatted: an in-flight request to shut down under. */
export function slowChronicle(chronicle: Chronicle, ms: number): Chronicle {
  const wait = () => new Promise((resolve) => setTimeout(resolve, ms));
  return {
    ...chronicle,
    chunk: (id) => chronicle.chunk(id),
    async ask(question, options) {
      await wait();
      return chronicle.ask(question, options);
    },
    async *askStream(question, options) {
      await wait();
      yield* chronicle.askStream(question, options);
    },
    async chat(messages, options) {
      await wait();
      return chronicle.chat(messages, options);
    },
    async chatStream(messages, options) {
      await wait();
      return chronicle.chatStream(messages, options);
    },
  };
}

/**
 * The same chronicle answering with the given stream events, as an LLM answerer would yield them. A chat
 * is asked its last message as written, without condensing.
 */
export function scriptedChronicle(chronicle: Chronicle, script: (question: string) => AsyncGenerator<AskEvent>): Chronicle {
  return {
    ...chronicle,
    chunk: (id) => chronicle.chunk(id),
    askStream: (question) => script(question),
    chatStream: async (messages) => ({ standalone: lastQuestion(messages), events: script(lastQuestion(messages)) }),
  };
}

/** What a fake asks of a conversation: its last message, as written. */
const lastQuestion = (messages: ChatMessage[]) => messages.at(-1)!.content;

/** A bare app with the server's error handler and the given middleware in front of GET and POST /x. */
export function guardedApp(...middleware: MiddlewareHandler<AppEnv>[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(silentLogger));
  app.notFound(notFoundHandler);
  for (const handler of middleware) app.use(handler);
  app.get("/x", (c) => c.json({ ok: true, clientKey: c.get("clientKey") ?? null }));
  app.post("/x", async (c) => c.json({ ok: true, body: await c.req.text() }));
  return app;
}

/**
 * A chronicle without an index: answers every question with one canned cited sentence. For tests of
 * guards and wiring, which need routes that answer but not real answers.
 */
export function fakeChronicle(): Chronicle {
  const citation = { n: 1, id: "fake-1", kind: "chronology" as const, doc: "fake.txt", dateLabel: "July 24, 2024", text: "A canned entry." };
  const result = (question: string) => ({
    id: randomUUID(), question, answer: "A canned answer [1].", citations: [citation], refused: false, mode: "extractive" as const, confidence: 1, sources: [],
  });
  const fake: Partial<Chronicle> = {
    config: testConfig(),
    retriever: { year: 2024, coverage: undefined } as Chronicle["retriever"],
    chunks: [],
    ingest: { rebuilt: false, seconds: 0, skipped: [] } as unknown as Chronicle["ingest"],
    chunk: () => undefined,
    retrieve: async () => [],
    ask: async (question) => result(question),
    askStream: (question) => cannedStream(question),
    // A conversation's last message is the question, as written: nothing here condenses.
    chat: async (messages) => ({ standalone: lastQuestion(messages), result: result(lastQuestion(messages)) }),
    chatStream: async (messages) => ({ standalone: lastQuestion(messages), events: cannedStream(lastQuestion(messages)) }),
    close: async () => {},
  };
  async function* cannedStream(question: string): AsyncGenerator<AskEvent> {
    yield { delta: "A canned " };
    yield { delta: "answer [1]." };
    yield { done: result(question) };
  }
  return fake as Chronicle;
}
