import type { Chunk, DateRange } from "../index/chunk.js";
import type { Embedder } from "../index/embedder.js";
import type { LoadedIndex } from "../index/index-files.js";
import { overlaps } from "../dates/index.js";
import type { CorpusContext } from "./corpus-context.js";
import { analyzeQuestion, type QuestionAnalysis } from "./question.js";
import { DEFAULT_WEIGHTS, fuse, type Candidate, type FusionWeights } from "./fuse.js";
import { passesFilters, type Filters } from "./filters.js";
import { createQueryVectors } from "./query-vectors.js";
import { rerank, RERANK_DEPTH, type FusedCandidate } from "./rerank.js";
import type { LogisticModel } from "../model/logistic.js";

/** A chunk with its fused score, best first. */
export interface Retrieved {
  chunk: Chunk;
  score: number;
  /** Cosine similarity to the question, when dense search returned the chunk. */
  dense?: number;
  /** BM25 score, when BM25 returned the chunk. */
  bm25?: number;
}

export interface RetrieveOptions {
  /** How many chunks to return (default 8). */
  k?: number;
  filters?: Filters;
  /** Reuse an analysis the caller already made. */
  analysis?: QuestionAnalysis;
  signal?: AbortSignal;
  /** Which rankings to use: both (default), or one alone for comparisons. */
  mode?: "hybrid" | "bm25" | "dense";
}

export interface Retriever {
  /** The fused candidates before reranking, best first (at most RERANK_DEPTH): what the reranker is fitted on. */
  fusedCandidates(question: string, options?: RetrieveOptions): Promise<FusedCandidate[]>;
  /** What the whole corpus is: its timeline, term weights, year and vocabulary. */
  readonly context: CorpusContext;
  /** The year dates without a year are read in: the corpus's main year. */
  readonly year: number;
  /** First and last day the dated chunks cover. */
  readonly coverage: DateRange | undefined;
  analyze(question: string): QuestionAnalysis;
  retrieve(question: string, options?: RetrieveOptions): Promise<Retrieved[]>;
}

// Enough candidates from each ranking that fusion can promote a chunk either ranking placed low.
const CANDIDATES = 100;

/**
 * Hybrid, date-aware retrieval: BM25 and dense rankings fused by relative score with date and name
 * bonuses, then (given a fitted reranker) the top candidates reordered by how well they cover the question.
 */
export function createRetriever(index: LoadedIndex, embedder: Embedder, context: CorpusContext, reranker?: LogisticModel, weights: FusionWeights = DEFAULT_WEIGHTS): Retriever {
  const dated = context.timeline;
  const { year, coverage } = context;
  const queryVectors = createQueryVectors(embedder);
  const analyze = (question: string) => analyzeQuestion(question, { year, spelling: context.spelling, synonyms: context.profile.synonyms, eventDate: context.eventDate });

  return {
    context,
    year,
    coverage,
    analyze,
    fusedCandidates: (question, options = {}) => fusedCandidates(question, options),
    // Reranked when a reranker is given and both rankings are in use; a single ranking is left as it is, for comparison.
    async retrieve(question, options = {}) {
      const { k = 8, mode = "hybrid" } = options;
      const analysis = options.analysis ?? analyze(question);
      const fused = await fusedCandidates(question, { ...options, analysis });
      const ranked = mode === "hybrid" && reranker ? rerank(reranker, analysis, fused, context) : fused.map((c) => ({ ...c, score: c.fused }));
      return ranked.slice(0, k).map(({ chunk, score, bm25, dense }) => ({ chunk, score, bm25, dense }));
    },
  };

  async function fusedCandidates(question: string, options: RetrieveOptions): Promise<FusedCandidate[]> {
    const { filters, mode = "hybrid" } = options;
    const analysis = options.analysis ?? analyze(question);
    const candidates = new Map<string, Candidate>();
    const candidate = (chunk: Chunk): Candidate => {
      let found = candidates.get(chunk.id);
      if (!found) {
        found = { id: chunk.id, kind: chunk.kind, dateMatch: dateMatch(chunk, analysis), exact: exactShare(chunk, analysis) };
        candidates.set(chunk.id, found);
      }
      return found;
    };
    const admit = (id: string) => {
      const chunk = index.byId.get(id);
      return chunk && passesFilters(chunk, filters) ? chunk : undefined;
    };

    if (mode !== "dense") {
      for (const hit of index.bm25.search(analysis.query, CANDIDATES, context.weights.known)) {
        const chunk = admit(hit.id);
        if (chunk) candidate(chunk).bm25 = hit.score;
      }
    }
    let vector: number[] | undefined;
    if (mode !== "bm25") {
      vector = await queryVectors.vector(analysis.query, options.signal);
      for (const hit of await index.hnsw.search(vector, CANDIDATES)) {
        const chunk = admit(hit.id);
        if (chunk) candidate(chunk).dense = hit.score;
      }
    }
    if (mode === "hybrid" && analysis.periods.length) {
      // Every chunk dated inside the asked period competes, even one neither ranking returned.
      for (const chunk of dated) if (dateMatch(chunk, analysis) === 1 && passesFilters(chunk, filters)) candidate(chunk);
    }

    const fused = mode === "hybrid"
      ? fuse([...candidates.values()], weights)
      : fuse([...candidates.values()], { bm25: mode === "bm25" ? 1 : 0, dense: mode === "dense" ? 1 : 0, date: 0, exact: 0, chronology: 0 });
    const top = fused.slice(0, Math.max(RERANK_DEPTH, options.k ?? 0));
    // A passage only BM25 returned still has a similarity to the question, only not among the nearest
    // neighbours' (in a corpus larger than CANDIDATES): measured exactly, it is not taken for 0. After
    // fusion, so fusion still sees each ranking as it returned.
    const unmeasured = mode === "hybrid" && vector ? top.filter(({ id }) => candidates.get(id)!.dense === undefined).map(({ id }) => id) : [];
    const measured = unmeasured.length ? index.hnsw.similarities(vector!, unmeasured) : new Map<string, number>();
    return top.map(({ id, score }) => {
      const { bm25, dense, dateMatch: date, exact } = candidates.get(id)!;
      return { chunk: index.byId.get(id)!, fused: score, bm25, dense: dense ?? measured.get(id), dateMatch: date, exact };
    });
  }
}

function dateMatch(chunk: Chunk, analysis: QuestionAnalysis): -1 | 0 | 1 {
  if (!analysis.periods.length || !chunk.date) return 0;
  return analysis.periods.some((period) => overlaps(period.range, chunk.date!)) ? 1 : -1;
}

// Chunks never change once indexed; their lower-case text is made once, not for every question.
const lowerText = new WeakMap<Chunk, string>();

function exactShare(chunk: Chunk, analysis: QuestionAnalysis): number {
  if (!analysis.keywords.length) return 0;
  let text = lowerText.get(chunk);
  if (text === undefined) lowerText.set(chunk, (text = chunk.text.toLowerCase()));
  return analysis.keywords.filter((word) => text.includes(word.toLowerCase())).length / analysis.keywords.length;
}
