import type { Chunk } from "../index/chunk.js";
import { logOdds, type LogisticModel } from "../model/logistic.js";
import { splitSentences } from "../index/sentences.js";
import { terms } from "../text/terms.js";
import type { TermWeights } from "../text/term-weights.js";
import type { QuestionAnalysis } from "./question.js";

/**
 * What the reranker weighs for each fused candidate: the fused score and both rankings relative to the
 * best candidate, the date and verbatim-name bonuses, and how much of the question's weighted terms the
 * passage (with its heading) and its best sentence cover. Corpus-independent, fitted by `npm run train`.
 */
export const RERANK_FEATURES = [
  "fusedRelative", "fusedRankInverse", "bm25Relative", "denseRelative", "dense", "dateMatch", "exact", "chronology",
  "passageCoverage", "bestSentenceCoverage",
] as const;

/** How many fused candidates the reranker reorders. */
export const RERANK_DEPTH = 30;

/** A fused candidate with its raw signals. */
export interface FusedCandidate {
  chunk: Chunk;
  fused: number;
  bm25?: number;
  dense?: number;
  dateMatch: -1 | 0 | 1;
  exact: number;
}

const termCache = new WeakMap<Chunk, { passage: Set<string>; sentences: Set<string>[] }>();

function termsOf(chunk: Chunk) {
  let found = termCache.get(chunk);
  if (!found) {
    found = {
      passage: new Set([...terms(chunk.text), ...terms(chunk.section ?? "")]),
      sentences: splitSentences(chunk.text).map((sentence) => new Set(terms(sentence))),
    };
    termCache.set(chunk, found);
  }
  return found;
}

/** The reranker's features for each candidate, in the order of RERANK_FEATURES. */
export function rerankFeatures(analysis: QuestionAnalysis, candidates: FusedCandidate[], weights: TermWeights): number[][] {
  const topFused = Math.max(1e-9, ...candidates.map((c) => c.fused));
  const topBm25 = Math.max(0, ...candidates.map((c) => c.bm25 ?? 0));
  const denseValues = candidates.map((c) => c.dense).filter((v): v is number => v !== undefined);
  const denseMin = Math.min(...denseValues);
  const denseSpan = Math.max(...denseValues) - denseMin;
  const covered = weights.coverageOf(analysis.terms);
  return candidates.map((c, rank) => {
    const { passage, sentences } = termsOf(c.chunk);
    return [
      Math.max(0, c.fused) / topFused,
      1 / (1 + rank),
      topBm25 > 0 ? (c.bm25 ?? 0) / topBm25 : 0,
      c.dense !== undefined && denseSpan > 0 ? (c.dense - denseMin) / denseSpan : 0,
      c.dense ?? denseMin,
      c.dateMatch,
      c.exact,
      c.chunk.kind === "chronology" ? 1 : 0,
      covered(passage),
      Math.max(0, ...sentences.map(covered)),
    ];
  });
}

/** The candidates reordered by the reranker, best first, each scored by its probability of holding the answer. */
export function rerank(model: LogisticModel, analysis: QuestionAnalysis, candidates: FusedCandidate[], weights: TermWeights): Array<FusedCandidate & { score: number }> {
  const features = rerankFeatures(analysis, candidates, weights);
  return candidates
    .map((c, i) => ({ ...c, score: 1 / (1 + Math.exp(-logOdds(model, features[i]!))) }))
    .sort((a, b) => b.score - a.score || a.chunk.id.localeCompare(b.chunk.id));
}
