import type { Chunk } from "../index/chunk.js";
import { overlaps } from "../dates/index.js";
import { countsNoun, isNumericQuestion } from "./quantities.js";
import { chunkFacts } from "./chunk-facts.js";
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

const NAME = /\b\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)+/u;

/**
 * Scores every sentence of the top chunks: how much of the question (IDF-weighted) it covers, the
 * chunk's rank, and whether it holds what the question asks for (a date, a number, a name).
 */
export function scoreSentences(analysis: QuestionAnalysis, sources: Retrieved[], weights: TermWeights, year: number, depth = 4): ScoredSentence[] {
  const scored: ScoredSentence[] = [];
  const top = sources[0]?.score ?? 0;
  const numeric = isNumericQuestion(analysis.text);
  sources.slice(0, depth).forEach((source, rank) => {
    const facts = chunkFacts(source.chunk, year);
    const chunkCoverage = weights.coverage(analysis.terms, facts.textTerms);
    facts.sentences.forEach((sentence, index) => {
      if (sentence.text.length < 20) return;
      let score = weights.coverage(analysis.terms, sentence.terms) + 0.35 * chunkCoverage;
      score += 0.25 * (top > 0 ? Math.max(0, source.score) / top : 0) - 0.04 * rank;
      const dates = sentence.dates;
      // A when-question is best answered by a dated chronology entry, then by a sentence naming a day.
      if (analysis.intent === "when") score += source.chunk.kind === "chronology" ? 0.25 : source.chunk.date || dates.some((m) => m.precision === "day") ? 0.1 : 0;
      // The question's own dates ("trade in 2020") are taken out of its terms; matching them still counts.
      if (analysis.dates.some((q) => dates.some((d) => overlaps(d.range, q.range) && (d.precision === q.precision || d.text === q.text)))) score += 0.2;
      if (numeric) {
        // "36 countries" answers "how many countries" better than any sentence with some number in it.
        score += countsNoun(sentence.quantities, analysis.countNoun) ? 0.7 : sentence.quantities.length ? (analysis.countNoun ? 0.1 : 0.2) : 0;
      }
      if (analysis.intent === "who" && NAME.test(sentence.text)) score += 0.1;
      scored.push({ chunk: source.chunk, sentence: sentence.text, index, score });
    });
  });
  return scored.sort((a, b) => b.score - a.score);
}
