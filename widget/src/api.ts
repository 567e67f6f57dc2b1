import { readSse } from "./sse.js";
import { isCitation } from "./storage.js";
import type { ChatMessage, ChatResult, Citation, CorpusInfo, DateRange, SourceChunk } from "./types.js";

/** Base error for a failed call to the Chronicle server; `code` is the server's or the widget's own. */
export class ChronicleApiError extends Error {
  readonly code: string;
  /** HTTP status, when the server answered. */
  readonly status?: number;
  constructor(code: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status;
  }
}

/** The server could not be reached at all (down, offline), or the browser kept its answer from the widget. */
export class NetworkError extends ChronicleApiError {}

/**
 * The server is up but does not allow this page's origin (WIDGET_ORIGINS), so the browser withheld its
 * answers. `advice` says, for the console, which setting to change and what to add.
 */
export class CorsError extends NetworkError {
  /** The page's origin, which the server's WIDGET_ORIGINS lacks. */
  readonly origin: string;
  readonly server: string;
  readonly advice: string;
  constructor(origin: string, server: string, options: { cause?: unknown } = {}) {
    super("origin_not_allowed", "This site isn't allowed to use this Chronicle server.", options);
    this.origin = origin;
    this.server = server;
    this.advice =
      `Chronicle: the server at ${server} does not allow this page's origin, ${origin}, so the browser blocks its answers (CORS). ` +
      `Add ${origin} to the server's WIDGET_ORIGINS setting (comma-separated, e.g. WIDGET_ORIGINS=${origin}) and restart it.`;
  }
}

/** 429: too many requests; `retryAfter` is in seconds when the server said. */
export class RateLimitError extends ChronicleApiError {
  readonly retryAfter?: number;
  constructor(code: string, message: string, options: { status?: number; retryAfter?: number } = {}) {
    super(code, message, options);
    this.retryAfter = options.retryAfter;
  }
}

/** 5xx: the server failed. */
export class ServerError extends ChronicleApiError {}

/**
 * 503 not_ready: the server is up but its index is loading or rebuilding. The message is the server's own
 * reason; `retryAfter` (seconds) is its Retry-After. Asking again later will work: callers retry by themselves.
 */
export class NotReadyError extends ServerError {
  readonly retryAfter?: number;
  constructor(code: string, message: string, options: { status?: number; retryAfter?: number } = {}) {
    super(code, message, options);
    this.retryAfter = options.retryAfter;
  }
}

/** Another 4xx: the request was refused (bad input, not found, unauthorised). */
export class RequestError extends ChronicleApiError {}

/** The answer stream reported an error or ended before its `done` event. */
export class StreamError extends ChronicleApiError {}

export interface ClientOptions {
  /** Base URL of the Chronicle server, e.g. "https://chronicle.example.org". */
  server: string;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** The origin of the page the widget runs on; defaults to `location.origin` (none outside a browser). */
  pageOrigin?: string;
}

/** A rating of one answer: POST /api/feedback. */
export interface FeedbackInput {
  /** The `id` of the answer rated. */
  answerId: string;
  rating: "up" | "down";
  comment?: string;
  /** Who rates, so that rating again replaces their earlier rating rather than adding one. */
  rater?: string;
}

export interface ChatCallbacks {
  signal?: AbortSignal;
  /** The numbered sources, sent before any answer text. */
  onCitations?: (citations: Citation[]) => void;
  /** A piece of answer text, as it is produced. */
  onDelta?: (text: string) => void;
}

export interface ChronologyQuery {
  from?: string;
  to?: string;
  q?: string;
}

export interface ChronicleClient {
  readonly server: string;
  /** Streams an answer; resolves with the whole result once the server sends `done`. */
  chat(messages: ChatMessage[], callbacks?: ChatCallbacks): Promise<ChatResult>;
  source(id: string, options?: { signal?: AbortSignal }): Promise<SourceChunk>;
  chronology(query?: ChronologyQuery, options?: { signal?: AbortSignal }): Promise<SourceChunk[]>;
  /** What the server says about its corpus: title, description, sample questions, period. */
  corpus(options?: { signal?: AbortSignal }): Promise<CorpusInfo>;
  /** Rates an answer; `replaced` when it replaced this rater's earlier rating of it. */
  feedback(input: FeedbackInput, options?: { signal?: AbortSignal }): Promise<{ replaced: boolean }>;
}

// How long the reachability probe may take before the server counts as unreachable.
const PROBE_TIMEOUT_MS = 5000;

/** Builds the client the widget and the page use to talk to one Chronicle server. */
export function createClient(options: ClientOptions): ChronicleClient {
  const base = options.server.replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const pageOrigin = options.pageOrigin ?? (typeof location === "undefined" ? undefined : location.origin);
  const serverOrigin = originOf(base);
  const crossOrigin = Boolean(pageOrigin && serverOrigin && pageOrigin !== serverOrigin && pageOrigin !== "null");

  /**
   * Why a fetch failed with nothing to read. A browser that refuses an answer because the page's origin is
   * not in the server's WIDGET_ORIGINS (no Access-Control-Allow-Origin on it, or on the preflight) fails
   * the fetch exactly as when the server is down: a bare TypeError, by design. So, only for a server on
   * another origin, the widget asks once more, for GET /healthz in `no-cors` mode: the browser sends that
   * without any CORS check and resolves (with an opaque response it cannot read) when anything answered,
   * rejecting only when nothing did. Answered means the server is up and only its API refused this origin;
   * not answered, that it cannot be reached. /healthz is cheap, changes nothing and is outside /api/*.
   */
  const diagnose = async (cause: unknown, signal?: AbortSignal): Promise<NetworkError> => {
    const unreachable = new NetworkError("network", "Can't reach the Chronicle server. Check your connection and try again.", { cause });
    if (!crossOrigin || !pageOrigin) return unreachable;
    const controller = new AbortController();
    const stop = () => controller.abort();
    signal?.addEventListener("abort", stop, { once: true });
    const timer = setTimeout(stop, PROBE_TIMEOUT_MS);
    try {
      await doFetch(`${base}/healthz`, { mode: "no-cors", cache: "no-store", credentials: "omit", signal: controller.signal });
      return new CorsError(pageOrigin, serverOrigin!, { cause });
    } catch {
      return unreachable;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", stop);
    }
  };

  const request = async (path: string, init: RequestInit): Promise<Response> => {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, init);
    } catch (error) {
      if (isAbort(error) || init.signal?.aborted) throw error;
      const failure = await diagnose(error, init.signal ?? undefined);
      if (init.signal?.aborted) throw error;
      throw failure;
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  };

  const getJson = async (path: string, signal?: AbortSignal): Promise<unknown> => {
    const response = await request(path, { headers: { accept: "application/json" }, signal });
    return response.json();
  };

  return {
    server: base,
    async chat(messages, callbacks = {}) {
      const response = await request("/api/chat", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/event-stream" },
        body: JSON.stringify({ messages, stream: true }),
        signal: callbacks.signal,
      });
      if (!response.body) throw new StreamError("no_stream", "The server sent no answer stream.");
      let result: ChatResult | undefined;
      let failure: ChronicleApiError | undefined;
      try {
        await readSse(response.body, (event) => {
          if (result || failure) return;
          const data = parseJson(event.data);
          if (event.event === "citations" && Array.isArray(data)) callbacks.onCitations?.(data.filter(isCitation));
          else if (event.event === "delta" && isRecord(data) && typeof data.text === "string") callbacks.onDelta?.(data.text);
          else if (event.event === "done" && isRecord(data) && typeof data.answer === "string") result = toResult(data);
          else if (event.event === "error") failure = streamFailure(data);
        });
      } catch (error) {
        if (isAbort(error) || callbacks.signal?.aborted) throw error;
        throw new NetworkError("network", "The connection to the Chronicle server was lost while answering. Try again.", { cause: error });
      }
      if (failure) throw failure;
      if (!result) throw new StreamError("incomplete", "The answer stopped before it was finished. Try again.");
      return result;
    },
    async source(id, opts = {}) {
      const data = await getJson(`/api/sources/${encodeURIComponent(id)}`, opts.signal);
      if (!isRecord(data) || typeof data.text !== "string") throw new ServerError("bad_response", "The server sent a source the widget cannot read.");
      return data as unknown as SourceChunk;
    },
    async chronology(query = {}, opts = {}) {
      const params = new URLSearchParams();
      for (const key of ["from", "to", "q"] as const) if (query[key]) params.set(key, query[key] as string);
      const search = params.toString();
      const suffix = search ? `?${search}` : "";
      const data = await getJson(`/api/chronology${suffix}`, opts.signal);
      const entries = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.entries) ? data.entries : undefined;
      if (!entries) throw new ServerError("bad_response", "The server sent a chronology the page cannot read.");
      return entries.filter((entry): entry is SourceChunk => isRecord(entry) && typeof entry.id === "string" && typeof entry.text === "string");
    },
    async corpus(opts = {}) {
      const corpus = toCorpusInfo(await getJson("/api/corpus", opts.signal));
      if (!corpus) throw new ServerError("bad_response", "The server sent a corpus description the widget cannot read.");
      return corpus;
    },
    async feedback(input, opts = {}) {
      const body: FeedbackInput = { answerId: input.answerId, rating: input.rating };
      if (input.comment?.trim()) body.comment = input.comment.trim();
      if (input.rater) body.rater = input.rater;
      const response = await request("/api/feedback", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
        signal: opts.signal,
      });
      const data: unknown = await response.json().catch(() => undefined);
      // 200 is a replaced rating, 201 a new one; the body says so too.
      return { replaced: isRecord(data) && typeof data.replaced === "boolean" ? data.replaced : response.status === 200 };
    },
  };
}

/** Turns a non-2xx response into the error class for its status family, keeping the server's message. */
export async function errorFromResponse(response: Response): Promise<ChronicleApiError> {
  const status = response.status;
  let code = `http_${status}`;
  let serverMessage = "";
  try {
    const body: unknown = await response.json();
    const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    if (typeof error?.code === "string") code = error.code;
    if (typeof error?.message === "string") serverMessage = error.message;
  } catch {
    // Not JSON (a proxy's error page): the status alone says enough.
  }
  if (status === 429) {
    const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
    const wait = retryAfter === undefined ? "in a moment" : retryAfter <= 1 ? "in a second" : `in ${retryAfter} seconds`;
    return new RateLimitError(code, `Too many questions right now. Try again ${wait}.`, { status, retryAfter });
  }
  if (status === 503 && code === "not_ready") {
    const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
    return new NotReadyError(code, sentence(serverMessage) || "The Chronicle server is getting ready.", { status, retryAfter });
  }
  if (status >= 500) {
    const detail = status === 502 || status === 503 || status === 504 ? "is unavailable" : "had a problem";
    return new ServerError(code, `The Chronicle server ${detail} (error ${status}). Try again.`, { status });
  }
  return new RequestError(code, serverMessage || `The request was refused (error ${status}).`, { status });
}

/** Seconds to wait from a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** The server's lower-case message as a sentence: "the index is loading" → "The index is loading." */
function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return "";
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function streamFailure(data: unknown): ChronicleApiError {
  const code = isRecord(data) && typeof data.code === "string" ? data.code : "stream_error";
  const message = isRecord(data) && typeof data.message === "string" && data.message ? data.message : "The server could not finish the answer.";
  if (code === "rate_limited") return new RateLimitError(code, message);
  return new StreamError(code, message);
}

function toResult(data: Record<string, unknown>): ChatResult {
  return {
    id: typeof data.id === "string" ? data.id : "",
    question: typeof data.question === "string" ? data.question : "",
    answer: data.answer as string,
    citations: Array.isArray(data.citations) ? data.citations.filter(isCitation) : [],
    refused: data.refused === true,
    ...(Array.isArray(data.related) ? { related: data.related.filter(isCitation) } : {}),
    ...(data.mode === "extractive" || data.mode === "llm" ? { mode: data.mode } : {}),
    ...(typeof data.rewrittenQuestion === "string" ? { rewrittenQuestion: data.rewrittenQuestion } : {}),
  };
}

/** The description with only the parts the widget can use: strings as strings, a period of two ISO days. */
function toCorpusInfo(data: unknown): CorpusInfo | undefined {
  if (!isRecord(data) || typeof data.title !== "string") return undefined;
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string" && item.trim() !== "") : []);
  const counts = isRecord(data.counts) ? data.counts : {};
  const count = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);
  return {
    title: data.title,
    description: typeof data.description === "string" ? data.description : "",
    sampleQuestions: strings(data.sampleQuestions),
    documents: (Array.isArray(data.documents) ? data.documents : [])
      .filter((d): d is { name: string; title: string } => isRecord(d) && typeof d.name === "string" && typeof d.title === "string")
      .map(({ name, title }) => ({ name, title })),
    coverage: isDateRange(data.coverage) ? { start: data.coverage.start, end: data.coverage.end } : null,
    counts: { documents: count(counts.documents), passages: count(counts.passages), datedEntries: count(counts.datedEntries) },
  };
}

function isDateRange(value: unknown): value is DateRange {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  return isRecord(value) && typeof value.start === "string" && typeof value.end === "string" && day.test(value.start) && day.test(value.end);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An abort the caller asked for; passed through untouched so it is not shown as a failure. */
export function isAbort(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}
