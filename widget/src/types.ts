/** The shapes the widget reads from the Chronicle server's JSON API. */

/** An inclusive span of days as ISO dates (YYYY-MM-DD). */
export interface DateRange {
  start: string;
  end: string;
}

/** A numbered source behind an answer's [n] marker. */
export interface Citation {
  n: number;
  /** Chunk id: GET /api/sources/:id returns it whole. */
  id: string;
  kind: "chronology" | "article";
  doc: string;
  date?: DateRange;
  /** The date as the document writes it, e.g. "Sept. 9, 2021". */
  dateLabel?: string;
  section?: string;
  /** The page of a PDF, from 1. */
  page?: number;
  /** The words quoted from the source. */
  text: string;
}

/** The `done` event of POST /api/chat. */
export interface ChatResult {
  id: string;
  question: string;
  answer: string;
  citations: Citation[];
  /** True when the corpus does not cover the question, or no passage answers it directly. */
  refused: boolean;
  /** With a refusal: the closest passages, which the answer's [n] markers then cite. */
  related?: Citation[];
  mode?: string;
  rewrittenQuestion?: string;
}

export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

/** A whole chunk: GET /api/sources/:id, and each entry of GET /api/chronology. */
export interface SourceChunk {
  id: string;
  doc: string;
  kind: "chronology" | "article";
  text: string;
  section?: string;
  date?: DateRange;
  dateLabel?: string;
  page?: number;
  position?: number;
}

/** GET /api/corpus: how the server describes its corpus; the widget and the page write nothing of their own about it. */
export interface CorpusInfo {
  title: string;
  description: string;
  sampleQuestions: string[];
  documents: { name: string; title: string }[];
  /** The first and last day of the dated passages, or null when nothing is dated. */
  coverage: DateRange | null;
  counts: { documents: number; passages: number; datedEntries: number };
}
