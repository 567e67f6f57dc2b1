import type { Chunk } from "../index/chunk.js";
import { splitSentences } from "../index/sentences.js";
import { findDates, overlaps } from "../dates/index.js";
import type { QuestionAnalysis } from "../retrieve/question.js";
import type { Retrieved } from "../retrieve/retriever.js";
import type { TermWeights } from "./term-weights.js";

/** A sentence of a retrieved chunk, scored as an answer to the question. */
export interface ScoredSentence {
  chunk: Chunk;
  sentence: string;
  /** Index of the sentence within its chunk. */
  index: number;
  score: number;
}

/** A figure or a number word: what a "how many" answer must hold. */
export const NUMBER = /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen)\b/i;
const NUMERIC_QUESTION = /\bhow (many|much|large|big|long)\b|\bwhat (percentage|share|proportion|number|amount|size)\b|\bwhat (was|is|were|are) the (value|size|total|volume|number|amount|cost|price|level)\b/i;

/** Questions whose answer is a quantity. */
export function isNumericQuestion(text: string): boolean {
  return NUMERIC_QUESTION.test(text);
}
const NAME = /\b\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)+/u;

/**
 * Scores every sentence of the top chunks: how much of the question (IDF-weighted) it covers, the
 * chunk's rank, and whether it holds what the question asks for (a date, a number, a name).
 */
export function scoreSentences(analysis: QuestionAnalysis, sources: Retrieved[], weights: TermWeights, year: number, depth = 4): ScoredSentence[] {
  const scored: ScoredSentence[] = [];
  const top = sources[0]?.score ?? 0;
  sources.slice(0, depth).forEach((source, rank) => {
    const chunkCoverage = weights.coverage(analysis.terms, source.chunk.text);
    splitSentences(source.chunk.text).forEach((sentence, index) => {
      if (sentence.length < 20) return;
      let score = weights.coverage(analysis.terms, sentence) + 0.35 * chunkCoverage;
      score += 0.25 * (top > 0 ? Math.max(0, source.score) / top : 0) - 0.04 * rank;
      const dates = findDates(sentence, year);
      if (analysis.intent === "when" && (source.chunk.date || dates.some((m) => m.precision === "day"))) score += 0.15;
      // The question's own dates ("trade in 2020") are taken out of its terms; matching them still counts.
      if (analysis.dates.some((q) => dates.some((d) => overlaps(d.range, q.range) && (d.precision === q.precision || d.text === q.text)))) score += 0.2;
      if (isNumericQuestion(analysis.text) && NUMBER.test(sentence)) score += 0.15;
      if (analysis.intent === "who" && NAME.test(sentence)) score += 0.1;
      scored.push({ chunk: source.chunk, sentence, index, score });
    });
  });
  return scored.sort((a, b) => b.score - a.score);
}
