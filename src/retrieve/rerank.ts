import { chunkFacts } from "../answer/chunk-facts.js";
import { carriesFreshDate, holdsAnswerType } from "../answer/answer-types.js";
import type { Chunk } from "../index/chunk.js";
import { logOdds, type LogisticModel } from "../model/logistic.js";
import { termPairs } from "../text/phrases.js";
import { headingTerms } from "../text/terms.js";
import type { CorpusContext } from "./corpus-context.js";
import type { QuestionAnalysis } from "./question.js";

/**
 * What the reranker weighs for each fused candidate: the fused score and both rankings relative to the
 * best candidate, the date and verbatim-name bonuses, how much of the question's weighted terms the
 * passage (with its heading), its heading alone, its best sentence and its best pair of sentences
 * cover, how many of the question's phrases it keeps together, and whether it holds the type of thing
 * asked (a date for "when", a number for "how many") and how well the sentences that hold it cover the
 * question. Corpus-independent, fitted by `npm run train`.
 */
export const RERANK_FEATURES = [
  "fusedRelative", "fusedRankInverse", "bm25Relative", "denseRelative", "dense", "dateMatch", "exact", "chronology",
  "passageCoverage", "bestSentenceCoverage", "headingCoverage", "bestPairCoverage", "phraseShare", "typePresent",
  "typedSentenceCoverage",
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

/** What the reranker reads from a passage whatever the question: worked out once a chunk. */
interface PassageTerms {
  heading: Set<string>;
  /** The terms of each two sentences in a row (of the one sentence, in a passage of one). */
  sentencePairs: Set<string>[];
  /** Every "a b" where b follows a within two terms in one sentence. */
  phrases: Set<string>;
}

const passageTerms = new WeakMap<Chunk, PassageTerms>();

function passageTermsOf(chunk: Chunk, year: number): PassageTerms {
  let found = passageTerms.get(chunk);
  if (!found) {
    const { sentences } = chunkFacts(chunk, year);
    const phrases = new Set<string>();
    for (const { termList } of sentences) {
      termList.forEach((term, i) => {
        if (termList[i + 1]) phrases.add(`${term} ${termList[i + 1]}`);
        if (termList[i + 2]) phrases.add(`${term} ${termList[i + 2]}`);
      });
    }
    found = {
      heading: new Set(headingTerms(chunk)),
      sentencePairs: sentences.length > 1 ? sentences.slice(1).map((sentence, i) => new Set([...sentences[i]!.terms, ...sentence.terms])) : sentences.map((s) => s.terms),
      phrases,
    };
    passageTerms.set(chunk, found);
  }
  return found;
}

/** The reranker's features for each candidate, in the order of RERANK_FEATURES. */
export function rerankFeatures(analysis: QuestionAnalysis, candidates: FusedCandidate[], context: CorpusContext): number[][] {
  const topFused = Math.max(1e-9, ...candidates.map((c) => c.fused));
  const topBm25 = Math.max(0, ...candidates.map((c) => c.bm25 ?? 0));
  const denseValues = candidates.map((c) => c.dense).filter((v): v is number => v !== undefined);
  const denseMin = Math.min(...denseValues);
  const denseSpan = Math.max(...denseValues) - denseMin;
  const covered = context.weights.coverageOf(analysis.terms);
  const pairs = termPairs(analysis.terms);
  const typed = analysis.answerType !== "any";
  return candidates.map((c, rank) => {
    const facts = chunkFacts(c.chunk, context.year);
    const dated = carriesFreshDate(c.chunk, analysis);
    const passage = passageTermsOf(c.chunk, context.year);
    const kept = pairs.filter(([a, b]) => passage.phrases.has(`${a} ${b}`)).length;
    const sentenceCoverage = facts.sentences.map((sentence) => covered(sentence.terms));
    let bestPair = 0;
    for (const pair of passage.sentencePairs) bestPair = Math.max(bestPair, covered(pair));
    // The best-covering sentence that holds the type asked: sentences tried best first, so the (costlier)
    // type check runs on few.
    let typedCoverage = 0;
    let typePresent = !typed;
    const order = sentenceCoverage.map((_, i) => i).sort((a, b) => sentenceCoverage[b]! - sentenceCoverage[a]!);
    for (const i of order) {
      if (!typed || holdsAnswerType(analysis.answerType, facts.sentences[i]!, analysis, dated)) {
        [typedCoverage, typePresent] = [sentenceCoverage[i]!, true];
        break;
      }
    }
    return [
      Math.max(0, c.fused) / topFused,
      1 / (1 + rank),
      topBm25 > 0 ? (c.bm25 ?? 0) / topBm25 : 0,
      c.dense !== undefined && denseSpan > 0 ? (c.dense - denseMin) / denseSpan : 0,
      c.dense ?? denseMin,
      c.dateMatch,
      c.exact,
      c.chunk.kind === "chronology" ? 1 : 0,
      covered(facts.terms),
      Math.max(0, ...sentenceCoverage),
      covered(passage.heading),
      bestPair,
      pairs.length ? kept / pairs.length : 0,
      typed && typePresent ? 1 : 0,
      typedCoverage,
    ];
  });
}

/** The candidates reordered by the reranker, best first, each scored by its probability of holding the answer. */
export function rerank(model: LogisticModel, analysis: QuestionAnalysis, candidates: FusedCandidate[], context: CorpusContext): Array<FusedCandidate & { score: number }> {
  const features = rerankFeatures(analysis, candidates, context);
  return candidates
    .map((c, i) => ({ ...c, score: 1 / (1 + Math.exp(-logOdds(model, features[i]!))) }))
    .sort((a, b) => b.score - a.score || a.chunk.id.localeCompare(b.chunk.id));
}
