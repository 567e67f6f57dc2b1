import { describe, expect, it } from "vitest";
import { CorsError, createClient, NetworkError, NotReadyError, parseRetryAfter, RateLimitError, RequestError, ServerError, StreamError } from "./api.js";

const citation = { n: 1, id: "c-1", kind: "chronology", doc: "doc.txt", dateLabel: "July 24, 2024", text: "Bombers near Alaska." };

function sse(events: [string, unknown][]): string {
  return events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join("");
}

/** A fetch that answers from a table and records what it was asked. */
function fakeFetch(respond: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return respond(String(input), init);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe("chat", () => {
  it("posts the messages, streams citations and deltas, and resolves with the done result", async () => {
    const body = sse([["citations", [citation]], ["delta", { text: "July 24 " }], ["delta", { text: "[1]" }], ["done", { id: "a1", question: "q", answer: "July 24 [1]", citations: [citation], refused: false, mode: "extractive", sources: [] }]]);
    const { fetch, calls } = fakeFetch(() => new Response(body, { headers: { "content-type": "text/event-stream" } }));
    const client = createClient({ server: "http://127.0.0.1:9/", fetch });
    const seen: string[] = [];
    const result = await client.chat([{ role: "user", content: "q" }], { onCitations: (c) => seen.push(`c${c.length}`), onDelta: (t) => seen.push(t) });
    expect(seen).toEqual(["c1", "July 24 ", "[1]"]);
    expect(result).toMatchObject({ id: "a1", answer: "July 24 [1]", refused: false, citations: [citation] });
    expect(calls[0].url).toBe("http://127.0.0.1:9/api/chat");
    expect(calls[0].init?.method).toBe("POST");
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({ messages: [{ role: "user", content: "q" }], stream: true });
  });

  it("turns an error event into a StreamError carrying the server's message", async () => {
    const { fetch } = fakeFetch(() => new Response(sse([["citations", []], ["error", { code: "llm_timeout", message: "The model took too long." }]])));
    const error = await createClient({ server: "http://x", fetch }).chat([]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ code: "llm_timeout", message: "The model took too long." });
  });

  it("fails a stream that ends without done", async () => {
    const { fetch } = fakeFetch(() => new Response(sse([["delta", { text: "half" }]])));
    await expect(createClient({ server: "http://x", fetch }).chat([])).rejects.toBeInstanceOf(StreamError);
  });

  it("maps statuses to error classes with readable messages", async () => {
    const json = (status: number, headers: Record<string, string> = {}) => () =>
      new Response(JSON.stringify({ error: { code: "c", message: "Question is empty." } }), { status, headers });
    const rate = await createClient({ server: "http://x", fetch: fakeFetch(json(429, { "Retry-After": "12" })).fetch }).chat([]).catch((e: unknown) => e);
    expect(rate).toBeInstanceOf(RateLimitError);
    expect(rate).toMatchObject({ retryAfter: 12, status: 429 });
    expect((rate as Error).message).toContain("12 seconds");
    const down = await createClient({ server: "http://x", fetch: fakeFetch(() => new Response("<html>Bad gateway</html>", { status: 502 })).fetch }).chat([]).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(ServerError);
    expect((down as Error).message).toMatch(/unavailable.*502/);
    const bad = await createClient({ server: "http://x", fetch: fakeFetch(json(400)).fetch }).chat([]).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RequestError);
    expect((bad as Error).message).toBe("Question is empty.");
  });

  it("reports an unreachable server as a NetworkError and lets an abort through", async () => {
    const refused = fakeFetch(() => { throw new TypeError("fetch failed"); });
    const error = await createClient({ server: "http://x", fetch: refused.fetch }).chat([]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/Can't reach/);
    const aborted = fakeFetch(() => { throw new DOMException("aborted", "AbortError"); });
    await expect(createClient({ server: "http://x", fetch: aborted.fetch }).chat([])).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("a server that is not ready", () => {
  it("is a NotReadyError with the server's reason as a sentence and its Retry-After", async () => {
    const { fetch } = fakeFetch(() => Response.json(
      { error: { code: "not_ready", message: "the index is still loading; try again in a few seconds" } },
      { status: 503, headers: { "Retry-After": "5" } },
    ));
    const error = await createClient({ server: "http://x", fetch }).chat([]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotReadyError);
    expect(error).toBeInstanceOf(ServerError); // what waits for a 503 still recognises it
    expect(error).toMatchObject({ status: 503, retryAfter: 5, message: "The index is still loading; try again in a few seconds." });
    const other = await createClient({ server: "http://x", fetch: fakeFetch(() => Response.json({ error: { code: "feedback_unavailable", message: "x" } }, { status: 503 })).fetch })
      .chronology().catch((e: unknown) => e);
    expect(other).not.toBeInstanceOf(NotReadyError);
    expect((other as Error).message).toMatch(/unavailable \(error 503\)/);
  });
});

describe("a server on another origin that fails with nothing to read", () => {
  const failing = (healthz: "answers" | "fails") => fakeFetch((url, init) => {
    if (url.endsWith("/healthz")) {
      if (healthz === "fails") throw new TypeError("Failed to fetch");
      expect(init?.mode).toBe("no-cors");
      return new Response(null, { status: 200 });
    }
    throw new TypeError("Failed to fetch");
  });

  it("refused this origin when its /healthz can be reached without CORS", async () => {
    const { fetch, calls } = failing("answers");
    const client = createClient({ server: "http://chronicle.test:8787/", fetch, pageOrigin: "https://news.example.org" });
    const error = await client.corpus().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorsError);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe("This site isn't allowed to use this Chronicle server.");
    expect((error as CorsError).advice).toContain("WIDGET_ORIGINS");
    expect((error as CorsError).advice).toContain("https://news.example.org");
    expect((error as CorsError).advice).toContain("http://chronicle.test:8787");
    expect(calls.map((c) => c.url)).toEqual(["http://chronicle.test:8787/api/corpus", "http://chronicle.test:8787/healthz"]);
  });

  it("is unreachable when /healthz cannot be reached either", async () => {
    const error = await createClient({ server: "http://chronicle.test", fetch: failing("fails").fetch, pageOrigin: "https://news.example.org" }).chat([]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(CorsError);
    expect((error as Error).message).toMatch(/Can't reach/);
  });

  it("is not probed from its own origin, where CORS does not apply", async () => {
    const { fetch, calls } = failing("answers");
    const error = await createClient({ server: "http://chronicle.test", fetch, pageOrigin: "http://chronicle.test" }).chat([]).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(CorsError);
    expect(calls).toHaveLength(1);
  });
});

describe("feedback", () => {
  it("posts the rating, the comment and the rater, and says whether it replaced an earlier rating", async () => {
    let status = 201;
    const { fetch, calls } = fakeFetch(() => Response.json({ id: 1, answerId: "a1", rating: "up", replaced: status === 200 }, { status }));
    const client = createClient({ server: "http://x", fetch });
    expect(await client.feedback({ answerId: "a1", rating: "up", rater: "web-1234567890" })).toEqual({ replaced: false });
    expect(calls[0].url).toBe("http://x/api/feedback");
    expect(calls[0].init?.method).toBe("POST");
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({ answerId: "a1", rating: "up", rater: "web-1234567890" });
    status = 200;
    expect(await client.feedback({ answerId: "a1", rating: "down", comment: "  Wrong date.  ", rater: "web-1234567890" })).toEqual({ replaced: true });
    expect(JSON.parse(String(calls[1].init?.body))).toEqual({ answerId: "a1", rating: "down", comment: "Wrong date.", rater: "web-1234567890" });
    const gone = await createClient({ server: "http://x", fetch: fakeFetch(() => Response.json({ error: { code: "not_found", message: "answer not found" } }, { status: 404 })).fetch })
      .feedback({ answerId: "old", rating: "up" }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(RequestError);
    expect(gone).toMatchObject({ status: 404 });
  });
});

describe("source and chronology", () => {
  it("fetches a source by its escaped id", async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ id: "a/b", text: "Full text", doc: "d", kind: "chronology" }));
    expect((await createClient({ server: "http://x", fetch }).source("a/b")).text).toBe("Full text");
    expect(calls[0].url).toBe("http://x/api/sources/a%2Fb");
  });

  it("reads chronology entries from an array or an { entries } object and passes filters", async () => {
    const entry = { id: "e1", text: "t", doc: "d", kind: "chronology", date: { start: "2024-07-24", end: "2024-07-24" } };
    const wrapped = fakeFetch(() => Response.json({ entries: [entry], total: 1 }));
    expect(await createClient({ server: "http://x", fetch: wrapped.fetch }).chronology({ from: "2024-07-01", to: "2024-07-31", q: "bombers" })).toEqual([entry]);
    expect(wrapped.calls[0].url).toBe("http://x/api/chronology?from=2024-07-01&to=2024-07-31&q=bombers");
    const bare = fakeFetch(() => Response.json([entry]));
    expect(await createClient({ server: "http://x", fetch: bare.fetch }).chronology()).toEqual([entry]);
    expect(bare.calls[0].url).toBe("http://x/api/chronology");
  });
});

describe("corpus", () => {
  it("reads the description, dropping what it cannot use", async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({
      title: "Harbour archive", description: "Minutes.", sampleQuestions: ["Who chaired the board?", 7, "  "],
      documents: [{ name: "minutes.md", title: "Minutes", extra: true }, { name: 3 }],
      coverage: { start: "1998-02-01", end: "1998-11-30" }, counts: { documents: 1, passages: 40, datedEntries: 12 },
    }));
    expect(await createClient({ server: "http://x/", fetch }).corpus()).toEqual({
      title: "Harbour archive", description: "Minutes.", sampleQuestions: ["Who chaired the board?"],
      documents: [{ name: "minutes.md", title: "Minutes" }],
      coverage: { start: "1998-02-01", end: "1998-11-30" }, counts: { documents: 1, passages: 40, datedEntries: 12 },
    });
    expect(calls[0].url).toBe("http://x/api/corpus");
    const bare = await createClient({ server: "http://x", fetch: fakeFetch(() => Response.json({ title: "T", coverage: { start: "soon", end: "later" } })).fetch }).corpus();
    expect(bare).toEqual({ title: "T", description: "", sampleQuestions: [], documents: [], coverage: null, counts: { documents: 0, passages: 0, datedEntries: 0 } });
    await expect(createClient({ server: "http://x", fetch: fakeFetch(() => Response.json([])).fetch }).corpus()).rejects.toBeInstanceOf(ServerError);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("30")).toBe(30);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 0)).toBe(10);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
