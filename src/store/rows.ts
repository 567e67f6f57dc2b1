import type { Citation } from "../answer/index.js";
import type { FeedbackRecord, LoggedAnswer } from "./types.js";

/**
 * Rows as both databases return them. They differ only in how citations (SQLite: JSON text; PostgreSQL:
 * JSONB, already parsed) and times (ISO text; Date) come back, which `Decode` says.
 */
export interface Decode<Json, Time> {
  citations(value: Json): Citation[];
  time(value: Time): string;
}

export interface FeedbackRow<Json, Time> {
  id: number | string;
  answer_id: string;
  rater: string;
  rating: "up" | "down";
  comment: string | null;
  question: string;
  answer: string;
  citations: Json;
  created_at: Time;
}

export interface AnswerRow<Json, Time> {
  id: string;
  question: string;
  answer: string;
  citations: Json;
  mode: string | null;
  refusal: string | null;
  created_at: Time;
}

export function feedbackFromRow<Json, Time>(row: FeedbackRow<Json, Time>, decode: Decode<Json, Time>): FeedbackRecord {
  return {
    // PostgreSQL's BIGSERIAL comes back as text.
    id: Number(row.id),
    answerId: row.answer_id,
    rater: row.rater,
    rating: row.rating,
    ...(row.comment !== null ? { comment: row.comment } : {}),
    question: row.question,
    answer: row.answer,
    citations: decode.citations(row.citations),
    createdAt: decode.time(row.created_at),
  };
}

export function answerFromRow<Json, Time>(row: AnswerRow<Json, Time>, decode: Decode<Json, Time>): LoggedAnswer {
  return {
    id: row.id,
    question: row.question,
    answer: row.answer,
    citations: decode.citations(row.citations),
    ...(row.mode !== null ? { mode: row.mode } : {}),
    ...(row.refusal !== null ? { refusal: row.refusal } : {}),
    createdAt: decode.time(row.created_at),
  };
}
