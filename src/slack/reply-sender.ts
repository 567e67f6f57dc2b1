import { LogLevel, WebClient, type FetchFunction, type Logger as SlackLogger } from "@slack/web-api";
import { ConfigError, InvalidInputError } from "../errors.js";
import type { Logger } from "../logger.js";
import { ResponseUrlError } from "./errors.js";
import type { Reply } from "./reply-blocks.js";
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from "./retry.js";

/** Where a message goes in Slack: a channel or DM, and optionally a thread in it. */
export interface MessageTarget {
  channel: string;
  thread_ts?: string;
}

/** A slash-command reply as the response_url takes it (Slack and Mattermost alike). */
export interface ResponseUrlMessage extends Reply {
  response_type: "ephemeral" | "in_channel";
  replace_original?: boolean;
}

/** Delivers replies, each with bounded retries; rejects with SlackDeliveryError when it gives up. */
export interface ReplySender {
  postMessage(target: MessageTarget, reply: Reply): Promise<void>;
  postToResponseUrl(url: string, message: ResponseUrlMessage): Promise<void>;
}

export interface ReplySenderOptions {
  /** SLACK_BOT_TOKEN; without it postMessage rejects (slash commands still work through response_url). */
  token?: string;
  /** SLACK_API_URL: the Web API base, e.g. a fake in tests. Default Slack's. */
  apiUrl?: string;
  fetch?: typeof globalThis.fetch;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout of each HTTP call. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export function createReplySender(options: ReplySenderOptions): ReplySender {
  const { logger, token } = options;
  const policy = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const client = token
    ? new WebClient(token, {
        slackApiUrl: options.apiUrl && withTrailingSlash(options.apiUrl),
        // Retries are ours (withRetry), so WebClient must neither retry nor sleep through a 429 itself:
        // with rejectRateLimitedCalls it throws WebAPIRateLimitedError carrying retryAfter instead.
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: timeoutMs,
        logger: slackLogger(logger),
        ...(options.fetch ? { fetch: options.fetch as unknown as FetchFunction } : {}),
      })
    : undefined;

  return {
    async postMessage(target, reply) {
      if (!client) throw new ConfigError("SLACK_BOT_TOKEN", "is not set, so Chronicle cannot post to Slack");
      await withRetry(
        () => client.chat.postMessage({ ...target, text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}), unfurl_links: false, unfurl_media: false }),
        { policy, logger, target: "chat.postMessage", fields: { ...target }, sleep: options.sleep },
      );
    },
    async postToResponseUrl(url, message) {
      const parsed = httpUrl(url);
      // The URL is a bearer capability; logs name only its origin.
      await withRetry(() => postJson(fetchFn, parsed, message, timeoutMs), { policy, logger, target: "response_url", fields: { origin: parsed.origin }, sleep: options.sleep });
    },
  };
}

/** Only http(s): a response_url is a place to POST JSON, never a file or another scheme. */
export function httpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidInputError(`Chronicle Slack: response_url is not a URL: "${url.slice(0, 100)}"`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new InvalidInputError(`Chronicle Slack: response_url must be http(s), not "${parsed.protocol}"`);
  }
  return parsed;
}

async function postJson(fetchFn: typeof globalThis.fetch, url: URL, body: unknown, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify(body),
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new ResponseUrlError(`Chronicle Slack: response_url POST got no response: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  // Drained either way, so the connection is released.
  const text = await response.text().catch(() => "");
  if (response.ok) return;
  const retryAfter = Number.parseInt(response.headers.get("retry-after") ?? "", 10);
  throw new ResponseUrlError(`Chronicle Slack: response_url POST answered ${response.status}: ${text.slice(0, 200)}`, {
    status: response.status,
    retryAfterSeconds: Number.isNaN(retryAfter) ? undefined : retryAfter,
  });
}

/** WebClient appends method names to its base URL as they are, so the base must end with "/". */
function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * WebClient's logs, into ours. Its warnings repeat what withRetry already logs with more context,
 * so they go to debug.
 */
function slackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: "slack-web-api" });
  const line = (msg: unknown[]) => msg.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" ");
  return {
    debug: (...msg) => child.debug(line(msg)),
    info: (...msg) => child.debug(line(msg)),
    warn: (...msg) => child.debug(line(msg)),
    error: (...msg) => child.error(line(msg)),
    setLevel: () => {},
    getLevel: () => (child.isLevelEnabled("debug") ? LogLevel.DEBUG : LogLevel.ERROR),
    setName: () => {},
  };
}
