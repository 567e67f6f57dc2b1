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
  /** The page of a paged document (a PDF), from 1. */
  page?: number;
  /** The words quoted from the chunk; checked to occur in it verbatim. */
  text: string;
}

/** Why an answer was withheld: a stable code for logs, evals and clients, and a sentence for people. */
export interface Refusal {
  reason: RefusalReason;
  detail: string;
}

/**
 * - `no-question`: nothing in the question the documents could match (nonsense, an empty phrase).
 * - `unknown-terms`: the question's distinctive words occur nowhere in the documents.
 * - `out-of-period`: the question asks about a period the documents do not cover.
 * - `empty-period`: a list question whose period has no dated entries.
 * - `low-relevance`: nothing retrieved is close enough to the question to show.
 * - `low-confidence`: passages are relevant, but none answers directly: they are shown in `related`.
 */
export type RefusalReason = "no-question" | "unknown-terms" | "out-of-period" | "empty-period" | "low-relevance" | "low-confidence";

/** What an answerer produces. */
export interface Answer {
  text: string;
  citations: Citation[];
  refused: boolean;
  mode: "extractive" | "llm";
  /** How likely the answer is right (0..1), from the confidence scorer. */
  confidence: number;
  /** Set when `refused`: why. */
  refusal?: Refusal;
  /** With a low-confidence refusal: the closest passages, cited, so a right passage is never hidden. */
  related?: Citation[];
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
