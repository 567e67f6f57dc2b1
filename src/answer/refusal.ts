import type { QuestionAnalysis } from "../retrieve/question.js";
import type { Retrieved } from "../retrieve/retriever.js";
import { chunkFacts } from "./chunk-facts.js";
import type { TermWeights } from "./term-weights.js";

/** The evidence that the corpus holds an answer at all. */
export interface Support {
  /** IDF-weighted share of the question's terms found in the best single chunk among the top three. */
  lexical: number;
  /** Highest cosine similarity between the question and a retrieved chunk. */
  dense: number;
  /** IDF-weighted share of the question's terms that occur nowhere in the corpus. */
  unknown: number;
  /** `lexical` over the terms the corpus knows: how well one chunk ties together what it can. */
  knownLexical: number;
  knownCount: number;
}

export function measureSupport(analysis: QuestionAnalysis, sources: Retrieved[], weights: TermWeights, year: number): Support {
  const questionTerms = [...new Set(analysis.terms)];
  const total = questionTerms.reduce((sum, term) => sum + weights.idf(term), 0);
  const unknown = total ? questionTerms.filter((t) => !weights.known(t)).reduce((sum, t) => sum + weights.idf(t), 0) / total : 0;
  const lexicalOf = (wanted: string[]) =>
    Math.max(0, ...sources.slice(0, 3).map((s) => weights.coverage(wanted, chunkFacts(s.chunk, year).terms)));
  const lexical = lexicalOf(questionTerms);
  const known = questionTerms.filter((t) => weights.known(t));
  const knownLexical = known.length ? lexicalOf(known) : 0;
  const dense = Math.max(0, ...sources.map((s) => s.dense ?? 0));
  return { lexical, knownLexical, knownCount: known.length, dense, unknown };
}

/**
 * Refuses when the corpus plainly lacks the answer. Words and meaning can stand in for each other (a
 * paraphrase shares few words but is close in meaning), so they are added; words the corpus never uses
 * count against. A short question must be covered nearly whole by one chunk: "the population of
 * Vladivostok" is not answered by a chunk on Vladivostok and another on population.
 */
export function lacksSupport(support: Support): boolean {
  if (support.knownCount >= 2 && support.knownCount <= 3 && support.knownLexical < 0.65) return true;
  return support.lexical + support.dense - 0.3 * support.unknown < 0.72;
}
