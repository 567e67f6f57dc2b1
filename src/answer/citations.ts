import type { Chunk } from "../index/chunk.js";
import type { Citation } from "./types.js";

/** Hands out [n] numbers in order of first use, one per chunk, and keeps only quotes found in their chunk. */
export interface CitationList {
  /** The number for this chunk, or undefined when the quote does not occur in the chunk verbatim. */
  cite(chunk: Chunk, quote: string): number | undefined;
  list(): Citation[];
}

export function createCitationList(): CitationList {
  const byId = new Map<string, Citation>();
  return {
    cite(chunk, quote) {
      const text = withoutDateLabel(quote.trim(), chunk.dateLabel);
      if (!text || !chunk.text.includes(text)) return undefined;
      const existing = byId.get(chunk.id);
      if (existing) {
        if (!existing.text.includes(text)) existing.text = `${existing.text} … ${text}`;
        return existing.n;
      }
      const citation: Citation = {
        n: byId.size + 1,
        id: chunk.id,
        kind: chunk.kind,
        doc: chunk.doc,
        ...(chunk.date ? { date: chunk.date } : {}),
        ...(chunk.dateLabel ? { dateLabel: chunk.dateLabel } : {}),
        ...(chunk.section ? { section: chunk.section } : {}),
        ...(chunk.page ? { page: chunk.page } : {}),
        text,
      };
      byId.set(chunk.id, citation);
      return citation.n;
    },
    list: () => [...byId.values()],
  };
}

/**
 * A dated entry's quote without the date it opens with ("March 3, 2025: The office moves…" → "The office moves…"):
 * the citation carries the date as `dateLabel`, so every citation's text starts with the entry's own words,
 * whether the document writes the date in the line or above it.
 */
function withoutDateLabel(quote: string, label: string | undefined): string {
  if (!label || !quote.startsWith(label)) return quote;
  const rest = quote.slice(label.length).replace(/^\s*[:–—-]\s*/u, "");
  return rest.length < quote.length - label.length && rest ? rest : quote;
}

/**
 * Keeps the promise every answer makes: each [n] in the text names a citation, and each citation is used.
 * Markers without a citation are removed; unused citations are dropped and the rest renumbered in order.
 */
export function reconcileCitations(text: string, citations: Citation[]): { text: string; citations: Citation[] } {
  const byN = new Map(citations.map((c) => [c.n, c]));
  const order: number[] = [];
  for (const m of text.matchAll(/\[(\d+)\]/g)) {
    const n = Number(m[1]);
    if (byN.has(n) && !order.includes(n)) order.push(n);
  }
  const renumber = new Map(order.map((n, i) => [n, i + 1]));
  const cleaned = text
    .replace(/\[(\d+)\]/g, (marker, n) => (renumber.has(Number(n)) ? `[${renumber.get(Number(n))}]` : ""))
    .replace(/[ \t]+([.,;:])/g, "$1")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
  return { text: cleaned, citations: order.map((n) => ({ ...byN.get(n)!, n: renumber.get(n)! })) };
}
