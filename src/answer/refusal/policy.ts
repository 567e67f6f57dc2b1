import type { CorpusContext } from "../../retrieve/corpus-context.js";
import type { QuestionAnalysis } from "../../retrieve/question.js";
import type { Retrieved } from "../../retrieve/retriever.js";
import type { Refusal } from "../types.js";
import { outOfCoverage, outsideMessage } from "./period-coverage.js";

/** What to do with a composed answer. */
export type Outcome = "answer" | "related" | "refuse";

export interface Verdict {
  outcome: Outcome;
  refusal?: Refusal;
}

/** Where the three outcomes divide; chosen by leave-one-corpus-out validation in `npm run train`. */
export interface Thresholds {
  /** Confidence at or above which the answer is given. */
  answer: number;
  /** Relevance at or above which, short of a confident answer, the closest passages are shown. */
  related: number;
}

/**
 * Refusals that need no answer to be composed first: nothing to look for (nonsense, a question made of
 * question words), words the documents never use, or a period the documents do not cover.
 */
export function refuseBeforeAnswering(analysis: QuestionAnalysis, sources: Retrieved[], context: CorpusContext): Refusal | undefined {
  const words = analysis.terms.filter((term) => /\p{L}/u.test(term));
  if (!words.length && !analysis.periods.length) {
    return { reason: "no-question", detail: "The question has no words the documents could be searched for." };
  }
  // Not one of the question's words occurs in the documents (headings included), even after spelling
  // correction and in any derived form: a quote from them could share nothing with the question but its
  // meaning, which the embeddings alone cannot vouch for. (A question naming a period still lists that
  // period.)
  const unknown = [...new Set(words)].filter((term) => !context.weights.knownFamily(term));
  if (words.length && unknown.length === new Set(words).size && !analysis.periods.length) {
    return { reason: "unknown-terms", detail: `None of the question's words (${quoted(analysis, unknown)}) occurs in the documents.` };
  }
  const outside = outOfCoverage(analysis, context.coverage, context.year, sources);
  if (outside && context.coverage) {
    return { reason: "out-of-period", detail: outsideMessage(outside, context.timeline, context.coverage) };
  }
  return undefined;
}

/**
 * The one decision between the three outcomes. A confident answer is given. Short of that, when the
 * retrieved passages are about the question, they are shown as the closest the documents come, so a
 * right passage is never hidden behind a flat refusal; when nothing is, the question is refused.
 */
export function decide(confidence: number, relevance: number, thresholds: Thresholds): Verdict {
  if (confidence >= thresholds.answer) return { outcome: "answer" };
  if (relevance >= thresholds.related) {
    return { outcome: "related", refusal: { reason: "low-confidence", detail: `No passage answers directly (confidence ${confidence.toFixed(2)}); the closest are shown.` } };
  }
  return { outcome: "refuse", refusal: { reason: "low-relevance", detail: `Nothing retrieved is close to the question (relevance ${relevance.toFixed(2)}).` } };
}

function quoted(analysis: QuestionAnalysis, unknown: string[]): string {
  const typed = analysis.query.match(/[\p{L}\p{N}]+/gu) ?? [];
  const words = unknown.map((term) => typed.find((word) => word.toLowerCase().startsWith(term.slice(0, Math.max(3, term.length - 1)))) ?? term);
  return words.slice(0, 4).map((word) => `"${word}"`).join(", ");
}
