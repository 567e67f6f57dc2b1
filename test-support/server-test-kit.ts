import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import type { Chronicle } from "../src/chronicle.js";
import { loadConfig, type Config } from "../src/config.js";
import type { Logger } from "../src/logger.js";
import type { AskEvent } from "../src/server/chat-events.js";
import pino from "pino";

/** Settings for server tests: defaults, no API keys, a feedback folder of the test's own. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), LOG_LEVEL: "silent", ...overrides };
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

/** The same chronicle with `ask` and `askStream` waiting `ms` first: an in-flight request to shut down under. */
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
  };
}

/** The same chronicle answering with the given stream events, as an LLM answerer would yield them. */
export function scriptedChronicle(chronicle: Chronicle, script: (question: string) => AsyncGenerator<AskEvent>): Chronicle {
  return { ...chronicle, chunk: (id) => chronicle.chunk(id), askStream: (question) => script(question) };
}
