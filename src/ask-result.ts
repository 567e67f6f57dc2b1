import type { Answer, Citation } from "./answer/index.js";
import type { Chunk } from "./index/index.js";
import type { Filters } from "./retrieve/index.js";

/*
 * What a question gets back, in types of their own: the cache, the state store, the server and the Slack
 * bot speak of results without depending on the pipeline that makes them.
 */

/** A retrieved chunk as results show it. */
export interface SourceView {
  id: string;
  doc: string;
  kind: Chunk["kind"];
  score: number;
  date?: Chunk["date"];
  dateLabel?: string;
  section?: string;
  page?: number;
  text: string;
}

/** The answer to one question, with everything a client needs to show and check it. */
export interface AskResult {
  /** Identifies this answer, e.g. for feedback. */
  id: string;
  question: string;
  answer: string;
  citations: Citation[];
  refused: boolean;
  mode: Answer["mode"];
  /** How likely the answer is right, 0..1. */
  confidence: number;
  /** Why the answer was withheld, when `refused`. */
  refusal?: Answer["refusal"];
  /** With a low-confidence refusal, the closest passages with their citations. */
  related?: Citation[];
  sources: SourceView[];
}

export interface AskOptions {
  filters?: Filters;
  signal?: AbortSignal;
  /** Number of chunks retrieved and handed to the answerer. */
  k?: number;
  /** Which rankings retrieval uses: both (the default), or one alone for comparison. */
  retrieval?: "hybrid" | "bm25" | "dense";
}

/** What `askStream` yields: the numbered sources when they are known first, text as it is ready, then the whole result. */
export type AskEvent = { citations: Citation[] } | { delta: string } | { done: AskResult };

/** The last question of a conversation, answered. */
export interface ChatAnswer {
  /** The question actually asked: the last user turn rewritten to stand on its own, or as written when nothing earlier bears on it. */
  standalone: string;
  result: AskResult;
}

/** The same, streamed: the standalone question at once, then the answer's events as `askStream` yields them. */
export interface ChatStream {
  standalone: string;
  events: AsyncGenerator<AskEvent>;
}
