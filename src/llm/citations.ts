import type { Chunk } from "../index/chunk.js";
import { splitSentences } from "../index/sentences.js";
import type { Retrieved } from "../retrieve/retriever.js";
import { terms } from "../text/terms.js";
import { createCitationList } from "../answer/citations.js";
import type { Citation } from "../answer/types.js";

/**
 * Checks a model's [n] markers, which number the sources as the prompt listed them, and turns them into
 * citations that keep those numbers: [n] is the answer's n-th source, so a stream can announce every
 * source before its text and never renumber what was shown. Numbers no source has are dropped. Text can
 * arrive in pieces (a stream): a "[" that may start a marker is held back until the marker is complete,
 * so what `push` returns is final and can be shown at once.
 */
export interface MarkerRewriter {
  /** Takes the next piece of model text; returns the part that is ready, markers already rewritten. */
  push(piece: string): string;
  /** Releases text held back at the end (an unfinished "[" is plain text after all). */
  end(): string;
  /** All the text returned so far. */
  readonly text: string;
  /** Citations for the markers kept, numbered as the sources are, in that order. */
  citations(): Citation[];
  /** How many cited numbers were dropped because no given source has them. */
  readonly dropped: number;
}

// A marker the way models write them: [2], [1][3], [1, 3], [2-4], [Source 2].
const ITEM = String.raw`(?:sources?\s*)?\d+(?:\s*[-–]\s*\d+)?`;
const MARKER = new RegExp(String.raw`^\[\s*(${ITEM}(?:\s*[,;]\s*${ITEM})*)\s*\]`, "i");
// What may still grow into a marker; anything longer is plain text.
const MAYBE_MARKER = /^\[[\sA-Za-z0-9,;\-–]*$/;
const MAX_MARKER = 24;
// Ranges wider than this are not citations ("[1990-2024]").
const MAX_RANGE = 10;
const QUOTE_LIMIT = 200;
const WHOLE_CHUNK = 240;

/** A rewriter for one answer over `sources`, where source i is cited by the model as [i + 1]. */
export function createMarkerRewriter(sources: readonly Retrieved[]): MarkerRewriter {
  const cites = createCitationList();
  // Citation numbers from the list, in order of use, mapped back to the source numbers the text keeps.
  const sourceOf = new Map<number, number>();
  let held = "";
  let text = "";
  let dropped = 0;

  const rewrite = (marker: string, list: string): string => {
    const items = list.split(/[,;]/).map((item) => expand(item.replace(/sources?/i, "").trim()));
    if (items.some((item) => item === undefined)) return marker;
    const context = lastSentence(text);
    const kept: number[] = [];
    for (const n of items.flat() as number[]) {
      const chunk = n >= 1 && n <= sources.length ? sources[n - 1].chunk : undefined;
      const m = chunk && (cites.cite(chunk, pickQuote(chunk, context)) ?? cites.cite(chunk, leading(chunk.text)));
      if (m === undefined) dropped++;
      else {
        sourceOf.set(m, n);
        if (!kept.includes(n)) kept.push(n);
      }
    }
    return kept.map((m) => `[${m}]`).join("");
  };

  // Moves what is settled from `held` to `text`, returning it; stops at a "[" that may still become a marker.
  const drain = (final: boolean): string => {
    const start = text.length;
    while (held) {
      const open = held.indexOf("[");
      text += open < 0 ? held : held.slice(0, open);
      held = open < 0 ? "" : held.slice(open);
      if (!held) break;
      const complete = MARKER.exec(held);
      if (complete) {
        text += rewrite(complete[0], complete[1]);
        held = held.slice(complete[0].length);
      } else if (!final && held.length < MAX_MARKER && MAYBE_MARKER.test(held)) {
        break;
      } else {
        // Not a marker: the "[" is plain text.
        text += "[";
        held = held.slice(1);
      }
    }
    return text.slice(start);
  };

  return {
    push(piece) {
      held += piece;
      return drain(false);
    },
    end: () => drain(true),
    get text() {
      return text;
    },
    citations: () => cites.list().map((c) => ({ ...c, n: sourceOf.get(c.n)! })).sort((a, b) => a.n - b.n),
    get dropped() {
      return dropped;
    },
  };
}

/** "3" → [3]; "2-4" → [2, 3, 4]; undefined for something that is not a citation after all. */
function expand(item: string): number[] | undefined {
  const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(item);
  if (!range) return [Number(item)];
  const [from, to] = [Number(range[1]), Number(range[2])];
  if (to < from || to - from > MAX_RANGE) return undefined;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The sentence a marker closes: the text before it, back to the previous sentence end. */
function lastSentence(text: string): string {
  const before = text.replace(/(\s*\[\d+\])+\s*$/, "").replace(/[.!?;:]+\s*$/, "");
  const cut = Math.max(before.search(/[^.!?\n]*$/), 0);
  return before.slice(cut);
}

/**
 * The words of a chunk a marker vouches for: the whole chunk when short (a chronology entry), else the
 * sentence sharing most terms with the answer's sentence, else the chunk's opening. Always verbatim.
 */
export function pickQuote(chunk: Chunk, context: string): string {
  if (chunk.text.trim().length <= WHOLE_CHUNK) return chunk.text.trim();
  const wanted = new Set(terms(context));
  let best: string | undefined;
  let bestScore = 0;
  for (const sentence of splitSentences(chunk.text)) {
    // splitSentences mends breaks with a single space, which may not be how the chunk writes them.
    if (!chunk.text.includes(sentence)) continue;
    const score = new Set(terms(sentence).filter((t) => wanted.has(t))).size;
    if (score > bestScore) [best, bestScore] = [sentence, score];
  }
  return best ?? leading(chunk.text);
}

/** Every source as a citation numbered as the prompt numbers it: what a stream announces before its text. */
export function sourceCitations(sources: readonly Retrieved[], question: string): Citation[] {
  const cites = createCitationList();
  for (const { chunk } of sources) cites.cite(chunk, pickQuote(chunk, question)) ?? cites.cite(chunk, leading(chunk.text));
  return cites.list();
}

/** The first ~200 characters, cut at a word boundary so the quote reads whole and stays verbatim. */
function leading(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= QUOTE_LIMIT) return trimmed;
  const space = trimmed.lastIndexOf(" ", QUOTE_LIMIT);
  return trimmed.slice(0, space > QUOTE_LIMIT / 2 ? space : QUOTE_LIMIT).replace(/[,;:]$/, "");
}
