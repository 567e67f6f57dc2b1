import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake does with the next POST /v1/chat/completions. */
export type FakeBehaviour =
  /**
   * Answers with this text after `delayMs`; a streaming request gets it in `pieces` (default: word by
   * word), `pieceDelayMs` apart (default 2).
   */
  | { reply: string; pieces?: string[]; delayMs?: number; pieceDelayMs?: number }
  /** Answers with this status and an OpenAI-style error body (a 500, a 400 …). */
  | { status: number; message?: string; headers?: Record<string, string> }
  /** Answers 429 with `Retry-After: retryAfter` (seconds). */
  | { rateLimit: { retryAfter?: number } }
  /** Takes the request and never answers. */
  | { hang: true }
  /** Invalid JSON for a plain request, a malformed SSE event for a streaming one. */
  | { garbage: true }
  /** Sends this JSON body (or SSE chunk bodies) as it is: for completions that are JSON but not text. */
  | { raw: unknown }
  /** Streams these pieces, then drops the connection without finishing. */
  | { streamThenDrop: string[] };

/** A request the fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** The JSON body, parsed; the raw text when it is not JSON. */
  body: any;
  /** Milliseconds since the fake started. */
  at: number;
}

export interface FakeOpenAI {
  /** Base URL for the OpenAI client, ending in /v1. */
  url: string;
  /** Every request, in order of arrival. */
  requests: RecordedRequest[];
  /** Requests to /v1/chat/completions only. */
  chatRequests(): RecordedRequest[];
  /** Queues behaviours for the next chat requests; the last one repeats once the queue is down to it. */
  script(...behaviours: FakeBehaviour[]): void;
  close(): Promise<void>;
}

export interface FakeOpenAIOptions {
  /** Size of the deterministic embedding vectors (default 16). */
  dimensions?: number;
  /** Answer floats even when base64 is asked for, as some OpenAI-compatible servers do. */
  ignoreEncodingFormat?: boolean;
}

const MODELS = ["fake-chat", "fake-embed"];

/**
 * An OpenAI-compatible server on 127.0.0.1 and a free port, scriptable per test: chat completions
 * (plain and streamed), deterministic embeddings (returned out of order, as the API allows) and a model list.
 */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const dimensions = options.dimensions ?? 16;
  const started = Date.now();
  const requests: RecordedRequest[] = [];
  let queue: FakeBehaviour[] = [{ reply: "OK" }];

  const next = (): FakeBehaviour => (queue.length > 1 ? queue.shift()! : queue[0]);

  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Recorded as text.
    }
    const path = (req.url ?? "/").split("?")[0];
    requests.push({ method: req.method ?? "GET", path, headers: req.headers, body, at: Date.now() - started });

    if (req.method === "GET" && path === "/v1/models") {
      return json(res, 200, { object: "list", data: MODELS.map((id) => ({ id, object: "model", created: 0, owned_by: "fake" })) });
    }
    if (req.method === "POST" && path === "/v1/embeddings") return embeddings(res, body, dimensions, options.ignoreEncodingFormat);
    if (req.method === "POST" && path === "/v1/chat/completions") return chat(res, body, next());
    json(res, 404, { error: { message: `fake-openai: no route ${req.method} ${path}`, type: "invalid_request_error" } });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path === "/v1/chat/completions"),
    script(...behaviours) {
      if (!behaviours.length) throw new Error("fake-openai: script() needs at least one behaviour");
      queue = behaviours;
    },
    close() {
      // Hanging requests hold their sockets open; close() would wait for them forever.
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

async function chat(res: ServerResponse, body: any, behaviour: FakeBehaviour): Promise<void> {
  const streaming = body?.stream === true;
  const model = body?.model ?? "fake-chat";
  if ("hang" in behaviour) return;
  if ("status" in behaviour) {
    return json(res, behaviour.status, { error: { message: behaviour.message ?? `fake-openai: scripted ${behaviour.status}`, type: "server_error" } }, behaviour.headers);
  }
  if ("rateLimit" in behaviour) {
    const headers: Record<string, string> = behaviour.rateLimit.retryAfter === undefined ? {} : { "retry-after": String(behaviour.rateLimit.retryAfter) };
    return json(res, 429, { error: { message: "fake-openai: rate limited", type: "rate_limit_error" } }, headers);
  }
  if ("garbage" in behaviour) {
    if (!streaming) {
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end('{"choices": [ {"message": not json');
    }
    sseHead(res);
    res.write('data: {"choices": [{"delta": {"content": "Hal\n\n');
    res.write("data: [DONE]\n\n");
    return void res.end();
  }
  if ("raw" in behaviour) {
    if (!streaming) return json(res, 200, behaviour.raw);
    sseHead(res);
    res.write(`data: ${JSON.stringify(behaviour.raw)}\n\n`);
    res.write("data: [DONE]\n\n");
    return void res.end();
  }
  if ("streamThenDrop" in behaviour) {
    sseHead(res);
    for (const piece of behaviour.streamThenDrop) res.write(sse(chunk(model, { content: piece })));
    await pause(30);
    // Destroying the socket mid-body is what a crashed or restarted server looks like to the client.
    return void res.socket?.destroy();
  }
  if (behaviour.delayMs) await pause(behaviour.delayMs);
  if (!streaming) {
    return json(res, 200, {
      id: "chatcmpl-fake",
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: "assistant", content: behaviour.reply, refusal: null }, finish_reason: "stop", logprobs: null }],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    });
  }
  sseHead(res);
  res.write(sse(chunk(model, { role: "assistant", content: "" })));
  for (const piece of behaviour.pieces ?? behaviour.reply.match(/\S+\s*|\s+/g) ?? []) {
    res.write(sse(chunk(model, { content: piece })));
    // Separate writes, so the client sees separate deltas as a real server's would arrive.
    await pause(behaviour.pieceDelayMs ?? 2);
  }
  res.write(sse(chunk(model, {}, "stop")));
  res.write("data: [DONE]\n\n");
  res.end();
}

function embeddings(res: ServerResponse, body: any, dimensions: number, ignoreEncodingFormat?: boolean): void {
  const inputs: string[] = typeof body?.input === "string" ? [body.input] : Array.isArray(body?.input) ? body.input : [];
  if (!inputs.length || inputs.some((input) => typeof input !== "string")) {
    return json(res, 400, { error: { message: "fake-openai: input must be a string or an array of strings", type: "invalid_request_error" } });
  }
  const base64 = body?.encoding_format === "base64" && !ignoreEncodingFormat;
  const data = inputs.map((input, index) => {
    const vector = fakeEmbedding(input, dimensions);
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
    return { object: "embedding", index, embedding };
  });
  json(res, 200, { object: "list", model: body?.model ?? "fake-embed", data: data.reverse(), usage: { prompt_tokens: 0, total_tokens: 0 } });
}

/** The vector the fake returns for a text: unit length, the same on every call, different for different texts. */
export function fakeEmbedding(text: string, dimensions = 16): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash("sha256").update(`${block}:${text}`).digest();
    for (let i = 0; i + 1 < digest.length && values.length < dimensions; i += 2) values.push(digest.readUInt16LE(i) / 65535 - 0.5);
  }
  const norm = Math.hypot(...values) || 1;
  // Rounded through float32, so the base64 and float encodings decode to the same numbers.
  return Array.from(new Float32Array(values.map((v) => v / norm)));
}

function chunk(model: string, delta: Record<string, unknown>, finish: string | null = null) {
  return { id: "chatcmpl-fake", object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] };
}

function sse(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

function sseHead(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  res.flushHeaders();
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
