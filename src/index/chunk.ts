/** An inclusive span of calendar days, as ISO dates (YYYY-MM-DD). */
export interface DateRange {
  start: string;
  end: string;
}

/** Where a chunk came from: a dated chronology entry or a piece of article prose. */
export type ChunkKind = "chronology" | "article";

/** The unit that is indexed, retrieved and cited. */
export interface Chunk {
  /** Stable across runs: derived from the document, date and text, never from insertion order alone. */
  id: string;
  /** File name of the document inside the corpus folder. */
  doc: string;
  kind: ChunkKind;
  text: string;
  /** Article section heading the chunk sits under: the nearest one. */
  section?: string;
  /** Every heading above the chunk, outermost first ("Release History", "3.2.0 (2024-03-12)"); the last is `section`. */
  headings?: string[];
  /** Days the chunk speaks about: set for chronology entries and dated article bullets. */
  date?: DateRange;
  /** The date as the document writes it ("July 28-Aug. 7, 2024"). */
  dateLabel?: string;
  /** The page it is on, for documents with pages (PDFs), from 1. */
  page?: number;
  /** Order of the chunk within its document, from 0. */
  position: number;
}

/**
 * The one order of dated passages, wherever they are listed (list answers, the timeline, the chronology
 * API): by first day, then last day (a single day before a span that starts with it), then document and
 * place in it, so equal dates never come out in two orders.
 */
export function timelineOrder(a: Chunk, b: Chunk): number {
  return (a.date?.start ?? "").localeCompare(b.date?.start ?? "")
    || (a.date?.end ?? "").localeCompare(b.date?.end ?? "")
    || a.doc.localeCompare(b.doc)
    || a.position - b.position;
}
