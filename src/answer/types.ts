import type { ChunkKind, DateRange } from "../index/chunk.js";
import type { Retrieved } from "../retrieve/retriever.js";
import type { QuestionAnalysis } from "../retrieve/question.js";

/** A numbered source behind an answer's [n] marker. */
export interface Citation {
  n: number;
  /** Chunk id: GET /api/sources/:id shows it whole. */
  id: string;
  kind: ChunkKind;
  doc: string;
  date?: DateRange;
  /** The date as the document writes it. */
  dateLabel?: string;
  section?: string;
  /** The words quoted from the chunk; checked to occur in it verbatim. */
  text: string;
}

/** What an answerer produces. */
export interface Answer {
  text: string;
  citations: Citation[];
  refused: boolean;
  mode: "extractive" | "llm";
}

export interface AnswerInput {
  question: string;
  analysis: QuestionAnalysis;
  sources: Retrieved[];
  signal?: AbortSignal;
}

/** Writes an answer with [n] citations from retrieved sources. */
export interface Answerer {
  answer(input: AnswerInput): Promise<Answer>;
  /**
   * The same answer in pieces as they are ready; the last value is the whole answer. An answerer that
   * knows its numbered sources before its text announces them first (`citations`), so clients can show
   * them while the text streams; `done` carries the citations the answer finally uses.
   */
  stream(input: AnswerInput): AsyncGenerator<{ citations: Citation[] } | { delta: string } | { done: Answer }>;
}
