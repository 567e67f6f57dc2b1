import { describe, expect, it } from "vitest";
import { createSseParser, readSse, type SseEvent } from "./sse.js";

function parseAll(pieces: string[]): SseEvent[] {
  const parser = createSseParser();
  return pieces.flatMap((piece) => parser.push(piece));
}

describe("createSseParser", () => {
  const stream = 'event: citations\ndata: [{"n":1}]\n\nevent: delta\ndata: {"text":"Hello"}\n\nevent: done\ndata: {"answer":"Hello"}\n\n';

  it("parses named events with JSON data", () => {
    expect(parseAll([stream])).toEqual([
      { event: "citations", data: '[{"n":1}]' },
      { event: "delta", data: '{"text":"Hello"}' },
      { event: "done", data: '{"answer":"Hello"}' },
    ]);
  });

  it("gives the same events however the stream is cut, down to one character at a time", () => {
    const whole = parseAll([stream]);
    expect(parseAll([...stream])).toEqual(whole);
    for (let cut = 1; cut < stream.length; cut++) expect(parseAll([stream.slice(0, cut), stream.slice(cut)])).toEqual(whole);
  });

  it("accepts CRLF and CR line ends, including a CRLF split across chunks", () => {
    expect(parseAll(["event: delta\r\ndata: a\r", "\n\r\n"])).toEqual([{ event: "delta", data: "a" }]);
    expect(parseAll(["data: a\r\rdata: b\r\r"])).toEqual([{ event: "message", data: "a" }, { event: "message", data: "b" }]);
  });

  it("joins multi-line data, skips comments, keeps a second space and defaults the type", () => {
    expect(parseAll([": keep-alive\n\ndata: one\ndata:  two\nid: 7\n\n"])).toEqual([{ event: "message", data: "one\n two", id: "7" }]);
  });

  it("drops an event that is never finished by a blank line, and blocks with no data", () => {
    const parser = createSseParser();
    expect(parser.push("event: delta\n\nevent: done\ndata: {}")).toEqual([]);
    expect(parser.end()).toEqual([]);
  });
});

describe("readSse", () => {
  const body = (chunks: string[]) => {
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    });
  };

  it("decodes UTF-8 split inside a character and calls back per event", async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: {"text":"Xi’s visit"}\n\n');
    const split = bytes.indexOf(0xe2) + 1; // Inside the three bytes of the curly apostrophe.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, split));
        controller.enqueue(bytes.slice(split));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    await readSse(stream, (event) => events.push(event));
    expect(events).toEqual([{ event: "delta", data: '{"text":"Xi’s visit"}' }]);
  });

  it("cancels the body when a handler throws", async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode("data: x\n\n"));
      },
      cancel() {
        cancelled = true;
      },
    });
    await expect(readSse(stream, () => { throw new Error("stop"); })).rejects.toThrow("stop");
    expect(cancelled).toBe(true);
  });

  it("reads chunks as they come", async () => {
    const seen: string[] = [];
    await readSse(body(["data: 1\n", "\ndata: 2\n\n"]), (event) => seen.push(event.data));
    expect(seen).toEqual(["1", "2"]);
  });
});
