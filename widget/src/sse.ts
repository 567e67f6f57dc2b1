/** One Server-Sent Event: its type ("message" when the stream names none) and its data lines joined. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental parser for `text/event-stream`: feed it text as it arrives, in pieces of any size,
 * and it returns the events those pieces completed. Follows the WHATWG rules that matter here:
 * LF, CRLF or CR line ends, `:` comments, multi-line data, a single space after the colon dropped.
 */
export function createSseParser(): { push(text: string): SseEvent[]; end(): SseEvent[] } {
  let buffer = "";
  let event = "";
  let data: string[] = [];
  let id: string | undefined;
  // A chunk ending in CR may be half of a CRLF: the LF that follows is not a second line end.
  let skipLeadingLf = false;

  const dispatch = (out: SseEvent[]) => {
    if (data.length > 0) out.push({ event: event || "message", data: data.join("\n"), ...(id === undefined ? {} : { id }) });
    event = "";
    data = [];
  };

  const line = (text: string, out: SseEvent[]) => {
    if (text === "") return dispatch(out);
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id" && !value.includes("\0")) id = value;
  };

  return {
    push(text) {
      const out: SseEvent[] = [];
      if (skipLeadingLf && text.startsWith("\n")) text = text.slice(1);
      skipLeadingLf = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const ch = buffer[i];
        if (ch !== "\n" && ch !== "\r") continue;
        line(buffer.slice(start, i), out);
        if (ch === "\r") {
          if (i + 1 === buffer.length) skipLeadingLf = true;
          else if (buffer[i + 1] === "\n") i++;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
      return out;
    },
    end() {
      // An event not followed by a blank line is incomplete and, per the spec, dropped.
      buffer = "";
      event = "";
      data = [];
      return [];
    },
  };
}

/** Reads a response body to its end, calling `onEvent` for each event as soon as it is complete. */
export async function readSse(body: ReadableStream<Uint8Array>, onEvent: (event: SseEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser();
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const event of parser.push(decoder.decode(value, { stream: true }))) onEvent(event);
    }
    finished = true;
    for (const event of parser.push(decoder.decode())) onEvent(event);
    parser.end();
  } finally {
    // A handler that throws (or an abort) leaves the body half read: cancel it so the connection is let go.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
