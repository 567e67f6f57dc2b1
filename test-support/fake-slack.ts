import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One chat.postMessage call as the fake received it, form or JSON body alike. */
export interface RecordedPost {
  token?: string;
  channel: string;
  thread_ts?: string;
  text?: string;
  /** Parsed from the JSON string WebClient sends in form bodies. */
  blocks?: Array<{ type: string; text?: { type: string; text: string }; elements?: Array<{ type: string; text: string }> }>;
  [field: string]: unknown;
}

/** One POST to a response_url. */
export interface RecordedResponse {
  path: string;
  body: { response_type?: string; text?: string; blocks?: RecordedPost["blocks"]; [field: string]: unknown };
}

/** What the fake answers instead of success, once per request, in order. */
export type ScriptedFailure = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { slackError: string };

export type FakeRoute = "chat.postMessage" | "response_url";

export interface FakeSlack {
  /** http://127.0.0.1:port */
  url: string;
  /** The Web API base to use as SLACK_API_URL. */
  apiUrl: string;
  /** A response_url on the fake. */
  responseUrl(id?: string): string;
  /** Successful chat.postMessage calls. */
  posts: RecordedPost[];
  /** Successful response_url POSTs. */
  responses: RecordedResponse[];
  /** Every request that reached the fake, failed ones included, with when it arrived. */
  attempts: Array<{ route: FakeRoute; at: number; status: number }>;
  /** Queues failures for the next requests to a route. */
  fail(route: FakeRoute, ...failures: ScriptedFailure[]): void;
  /** Polls until `read` gives a truthy value, or rejects after `timeoutMs`. */
  waitFor<T>(read: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** A stand-in for Slack's Web API and response_urls on a loopback port, recording what it is sent. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const posts: RecordedPost[] = [];
  const responses: RecordedResponse[] = [];
  const attempts: FakeSlack["attempts"] = [];
  const scripts = new Map<FakeRoute, ScriptedFailure[]>([["chat.postMessage", []], ["response_url", []]]);

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const route: FakeRoute | undefined = path === "/api/chat.postMessage" ? "chat.postMessage" : path.startsWith("/response/") ? "response_url" : undefined;
    if (!route || req.method !== "POST") return send(res, 404, { ok: false, error: "unknown_method" });

    const failure = scripts.get(route)!.shift();
    if (failure && "status" in failure) {
      attempts.push({ route, at: Date.now(), status: failure.status });
      const headers: Record<string, string> = failure.status === 429 ? { "Retry-After": String(failure.retryAfter) } : {};
      return send(res, failure.status, { ok: false, error: failure.status === 429 ? "ratelimited" : "server_error" }, headers);
    }
    attempts.push({ route, at: Date.now(), status: 200 });
    if (failure) return send(res, 200, { ok: false, error: failure.slackError });

    const fields = parseBody(req.headers["content-type"], body);
    if (route === "response_url") {
      responses.push({ path, body: fields as RecordedResponse["body"] });
      return send(res, 200, "ok");
    }
    const token = req.headers.authorization?.replace(/^Bearer /, "") ?? (fields.token as string | undefined);
    const post = { ...fields, token } as RecordedPost;
    if (typeof post.blocks === "string") post.blocks = JSON.parse(post.blocks);
    posts.push(post);
    const ts = `${Math.floor(Date.now() / 1000)}.${String(posts.length).padStart(6, "0")}`;
    send(res, 200, { ok: true, channel: post.channel, ts, message: { text: post.text, ts } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    responseUrl: (id = "1") => `${url}/response/${id}`,
    posts,
    responses,
    attempts,
    fail: (route, ...failures) => scripts.get(route)!.push(...failures),
    async waitFor(read, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = read();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`fake Slack: condition not met within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(contentType: string | undefined, body: string): Record<string, unknown> {
  if (contentType?.includes("application/json")) return JSON.parse(body);
  return Object.fromEntries(new URLSearchParams(body));
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "Content-Type": typeof body === "string" ? "text/plain" : "application/json", ...headers });
  res.end(text);
}
