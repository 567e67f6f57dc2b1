import type { QaItem } from "./dataset.js";
import { containsNormalized, containsSource } from "./normalize.js";

/** Everything measured for one question; the input of `summarize`. */
export interface EvalRecord {
  item: QaItem;
  /** Texts of the top retrieved chunks (up to 20), best first. */
  retrievedTexts: string[];
  /** The parts of the assistant's answer the metrics look at. */
  result: { answer: string; refused: boolean; confidence?: number; refusalReason?: string };
  /** Full text of each related passage shown with a refusal ("no direct answer, but see these"). */
  relatedTexts?: string[];
  /** Full text of the chunk behind each citation, in citation order ("" when the id is unknown). */
  citedTexts: string[];
  /** Wall-clock time of the ask call. */
  latencyMs: number;
}

/** The machine-readable summary printed by `npm run eval -- --json`; key order is part of the contract. */
export interface Summary {
  n: number;
  answerable: number;
  retrieval: { recallAt1: number; recallAt5: number; mrr: number };
  answers: { accuracy: number; medianChars: number };
  citations: { hitRate: number; precision: number };
  refusals: {
    accuracy: number;
    falseRefusalRate: number;
    /** Share of answerable questions refused whose related passages include a supporting one. */
    hedgedWithSource: number;
    /** False refusals that show no supporting passage: the ones that hide the answer. */
    bareFalseRefusalRate: number;
    /** Refusals by reason code, over all questions. */
    reasons: Record<string, number>;
  };
  /**
   * How well confidence separates right answers from wrong ones and from unanswerable questions (0.5: not
   * at all); an answer counts as right when its text holds the answer, given or withheld.
   */
  confidence: { auroc: number };
  latencyMs: { p50: number; p95: number };
}

/** Per-question judgments, used for the table, the summary and failure lists. */
export interface RecordScore {
  id: string;
  answerable: boolean;
  /** 1-based rank of the first retrieved chunk containing any source; null when none does. */
  firstSourceRank: number | null;
  recallAt1: number;
  recallAt5: number;
  refused: boolean;
  /** Answered (not refused) and every mustInclude group satisfied. Always false for unanswerable items. */
  correct: boolean;
  /** At least one cited chunk contains one of the sources. */
  citationHit: boolean;
  citationCount: number;
  matchingCitations: number;
  /** Answerable: correct. Unanswerable: refused. */
  passed: boolean;
  /** Refused, but a related passage shown beside the refusal supports the answer. */
  hedgedWithSource: boolean;
  /** The text holds what a right answer must, given or withheld: what confidence is judged against. */
  holdsAnswer: boolean;
}

/** Share of `sources` found in at least one of `texts`. A question without sources scores 0: nothing can be found. */
export function recallAt(texts: string[], sources: string[], k: number): number {
  if (sources.length === 0) return 0;
  const top = texts.slice(0, k);
  const found = sources.filter((source) => top.some((text) => containsSource(text, source)));
  return found.length / sources.length;
}

/** True when the text contains any of the sources. */
export function containsAnySource(text: string, sources: string[]): boolean {
  return sources.some((source) => containsSource(text, source));
}

/** True when every group has at least one alternative present in the answer. */
export function satisfiesMustInclude(answer: string, groups: string[][]): boolean {
  return groups.every((group) => group.some((alternative) => containsNormalized(answer, alternative)));
}

/** Scores one record. */
export function scoreRecord(record: EvalRecord): RecordScore {
  const { item, retrievedTexts, result, citedTexts } = record;
  const index = retrievedTexts.slice(0, 20).findIndex((text) => containsAnySource(text, item.sources));
  const matchingCitations = citedTexts.filter((text) => containsAnySource(text, item.sources)).length;
  const correct = item.answerable && !result.refused && satisfiesMustInclude(result.answer, item.mustInclude);
  return {
    id: item.id,
    answerable: item.answerable,
    firstSourceRank: index === -1 ? null : index + 1,
    recallAt1: recallAt(retrievedTexts, item.sources, 1),
    recallAt5: recallAt(retrievedTexts, item.sources, 5),
    refused: result.refused,
    correct,
    citationHit: matchingCitations > 0,
    citationCount: citedTexts.length,
    matchingCitations,
    passed: item.answerable ? correct : result.refused,
    hedgedWithSource: item.answerable && result.refused && (record.relatedTexts ?? []).some((text) => containsAnySource(text, item.sources)),
    holdsAnswer: item.answerable && satisfiesMustInclude(result.answer, item.mustInclude),
  };
}

/** Aggregates records into the summary. Ratios with an empty denominator are reported as 0. */
export function summarize(records: EvalRecord[]): Summary {
  const scores = records.map(scoreRecord);
  const answerable = scores.filter((s) => s.answerable);
  const unanswerable = scores.filter((s) => !s.answerable);
  const citations = answerable.reduce((sum, s) => sum + s.citationCount, 0);
  const matching = answerable.reduce((sum, s) => sum + s.matchingCitations, 0);
  return {
    n: records.length,
    answerable: answerable.length,
    retrieval: {
      recallAt1: round(mean(answerable.map((s) => s.recallAt1))),
      recallAt5: round(mean(answerable.map((s) => s.recallAt5))),
      mrr: round(mean(answerable.map((s) => (s.firstSourceRank === null ? 0 : 1 / s.firstSourceRank)))),
    },
    answers: {
      accuracy: round(share(answerable, (s) => s.correct)),
      medianChars: round(percentile(records.map((r) => r.result.answer.length), 50)),
    },
    citations: {
      hitRate: round(share(answerable, (s) => s.citationHit)),
      precision: round(citations === 0 ? 0 : matching / citations),
    },
    refusals: {
      accuracy: round(share(unanswerable, (s) => s.refused)),
      falseRefusalRate: round(share(answerable, (s) => s.refused)),
      hedgedWithSource: round(share(answerable, (s) => s.hedgedWithSource)),
      bareFalseRefusalRate: round(share(answerable, (s) => s.refused && !s.hedgedWithSource)),
      reasons: countReasons(records),
    },
    // Judged on what the text holds whether or not it was given as the answer: scoring only the answers
    // given would reward the threshold, not the confidence (every answer given scores above every one withheld).
    confidence: {
      auroc: round(auroc(records.map((r, i) => ({ score: r.result.confidence ?? (r.result.refused ? 0 : 1), positive: scores[i]!.holdsAnswer })))),
    },
    latencyMs: {
      p50: round(percentile(records.map((r) => r.latencyMs), 50), 1),
      p95: round(percentile(records.map((r) => r.latencyMs), 95), 1),
    },
  };
}

/** Ids of the questions behind each shortfall, so a failing threshold can say what regressed. */
export interface Failures {
  retrieval: string[];
  answers: string[];
  citations: string[];
  refusals: string[];
  falseRefusals: string[];
}

/** Lists the ids that lower each metric below its perfect value. */
export function findFailures(records: EvalRecord[]): Failures {
  const scores = records.map(scoreRecord);
  const ids = (keep: (s: RecordScore) => boolean) => scores.filter(keep).map((s) => s.id);
  return {
    retrieval: ids((s) => s.answerable && s.recallAt5 < 1),
    answers: ids((s) => s.answerable && !s.correct),
    citations: ids((s) => s.answerable && !s.citationHit),
    refusals: ids((s) => !s.answerable && !s.refused),
    falseRefusals: ids((s) => s.answerable && s.refused),
  };
}

function countReasons(records: EvalRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { result } of records) {
    if (result.refused) counts[result.refusalReason ?? "unspecified"] = (counts[result.refusalReason ?? "unspecified"] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}

/**
 * Area under the ROC curve: the chance that a random positive scores above a random negative, ties
 * counted half (the Mann-Whitney statistic). 0.5 when either class is empty.
 */
export function auroc(points: Array<{ score: number; positive: boolean }>): number {
  const positives = points.filter((p) => p.positive).length;
  const negatives = points.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  const sorted = [...points].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const meanRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (sorted[k]!.positive) rankSum += meanRank;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Percentile with linear interpolation between closest ranks; 0 for an empty list. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const weight = position - lower;
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function share<T>(items: T[], predicate: (item: T) => boolean): number {
  return items.length === 0 ? 0 : items.filter(predicate).length / items.length;
}

function round(value: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
