import type { Chunk } from "../index/chunk.js";
import type { CorpusContext } from "../retrieve/corpus-context.js";
import { chronologyNote, citedItem, listLine } from "./answer-text.js";
import { createCitationList, reconcileCitations } from "./citations.js";
import { chunkFacts } from "./chunk-facts.js";
import { answerFeatures, questionFeatures, relevanceFeatures, sentenceCandidates, type ListMeasures, type SentenceCandidate } from "./features.js";
import { listAnswer } from "./list-answer.js";
import { loadAnswerModels, type AnswerModels } from "../model/answer-models.js";
import { logOdds, probability } from "../model/logistic.js";
import { firstWords, headingFor, matchingEntry, passage, SOFT_LIMIT } from "./passage.js";
import { countsDirectly } from "./quantities.js";
import { decide, refuseBeforeAnswering, type Verdict } from "./refusal/index.js";
import { streamPieces } from "./stream-pieces.js";
import { selectEntries, topicTerms } from "./timeline.js";
import type { Answer, Answerer, AnswerInput, Citation, Refusal } from "./types.js";

export interface ExtractiveOptions {
  /** The corpus as a whole: list questions scan its timeline, not only the top hits. */
  context: CorpusContext;
  /** Fitted ranker, confidence and relevance models; the committed ones when omitted. */
  models?: AnswerModels;
}

export const NOT_COVERED = "The corpus does not cover this question.";
const RELATED_LEAD = "I found no direct answer to that in the documents. The closest passages:";
const MAX_RELATED = 3;
// Each related passage is quoted up to about this many characters: enough to recognise it, short enough to scan.
const RELATED_CHARS = 100;

/** A candidate sentence with the ranker's verdict on it. */
export interface RankedCandidate extends SentenceCandidate {
  /** The ranker's score: only differences between candidates of one question mean anything. */
  score: number;
  /** The candidate's share of the ranker's belief among the question's candidates (a softmax). */
  probability: number;
}

/** Everything the answerer weighed for one question: what it would say, how sure it is, and what it decided. */
export interface Assessment {
  /** Candidate sentences, best first by the ranker. */
  ranked: RankedCandidate[];
  kind: "prose" | "list" | "describe" | "none";
  /** The answer as composed, before the verdict (empty when nothing could be composed). */
  draft: { text: string; citations: Citation[] };
  /** Values of ANSWER_FEATURES for the draft, when there is one. */
  answerFeatures?: number[];
  /** Values of RELEVANCE_FEATURES. */
  relevanceFeatures?: number[];
  confidence: number;
  relevance: number;
  verdict: Verdict;
  /**
   * The closest passages, cited: shown with a low-confidence verdict (and with an LLM's refusal).
   * Composed only when asked for (each caller asks at most once): most answers never show them.
   */
  related(): { text: string; citations: Citation[] } | undefined;
}

/** Answers from the corpus's own sentences, each followed by its [n]; says so when it has no direct answer. */
export function createExtractiveAnswerer(options: ExtractiveOptions): Answerer & { assess(input: AnswerInput): Assessment } {
  const models = options.models ?? loadAnswerModels();
  const assessOne = (input: AnswerInput) => assess(input, options.context, models);
  const answer = async (input: AnswerInput): Promise<Answer> => toAnswer(assessOne(input));
  return {
    assess: assessOne,
    answer,
    async *stream(input) {
      const result = await answer(input);
      // Sentence by sentence (or line by line for lists), so every client reads the same event stream.
      for (const piece of streamPieces(result.text)) yield { delta: piece };
      yield { done: result };
    },
  };
}

function toAnswer(assessment: Assessment): Answer {
  const { verdict, confidence } = assessment;
  const rounded = Math.round(confidence * 1000) / 1000;
  if (verdict.outcome === "answer") {
    return { ...reconcileCitations(assessment.draft.text, assessment.draft.citations), refused: false, mode: "extractive", confidence: rounded };
  }
  const refusal = verdict.refusal!;
  const related = verdict.outcome === "related" ? assessment.related() : undefined;
  if (related) {
    const { text, citations } = reconcileCitations(related.text, related.citations);
    return { text, citations: [], related: citations, refused: true, refusal, mode: "extractive", confidence: rounded };
  }
  return { text: refusalText(refusal), citations: [], refused: true, refusal, mode: "extractive", confidence: rounded };
}

/** What a refusal says to the person who asked. */
export function refusalText(refusal: Refusal): string {
  switch (refusal.reason) {
    case "no-question":
      return "I couldn't find a question in that to look up. Ask about something the documents cover.";
    case "unknown-terms":
      return `${refusal.detail} The corpus does not cover this question.`;
    case "out-of-period":
    case "empty-period":
      return refusal.detail;
    default:
      return NOT_COVERED;
  }
}

/** The whole decision for one question: candidates ranked, an answer composed, its confidence, the verdict. */
export function assess(input: AnswerInput, context: CorpusContext, models: AnswerModels): Assessment {
  const { analysis, sources } = input;
  const refusedEarly = (refusal: Refusal): Assessment => ({ ranked: [], kind: "none", draft: { text: "", citations: [] }, confidence: 0, relevance: 0, verdict: { outcome: "refuse", refusal }, related: () => undefined });
  const early = refuseBeforeAnswering(analysis, sources, context);
  if (early) return refusedEarly(early);

  const question = questionFeatures(analysis, sources, context);
  const candidates = sentenceCandidates(analysis, sources, context, question).map((candidate) => ({ ...candidate, score: logOdds(models.ranker, candidate.features) }));
  const top = Math.max(...candidates.map((c) => c.score));
  const total = candidates.reduce((sum, c) => sum + Math.exp(c.score - top), 0);
  const ranked: RankedCandidate[] = candidates.map((c) => ({ ...c, probability: Math.exp(c.score - top) / total })).sort((a, b) => b.score - a.score);
  const relevanceValues = relevanceFeatures(ranked, question);
  const relevance = ranked.length ? probability(models.relevance, relevanceValues) : 0;
  const best = ranked[0];
  const runnerUp = ranked.find((c) => c.chunk.id !== best?.chunk.id);
  const confidenceOf = (lead: RankedCandidate, list?: ListMeasures) => {
    const rival = lead === best ? runnerUp : best;
    const values = answerFeatures(lead, lead.probability, rival ? lead.score - rival.score : undefined, ranked.length, question, list);
    return { values, confidence: probability(models.confidence, values) };
  };

  const listed = listDraft(input, context, ranked);
  if (listed && "refusal" in listed) return { ...refusedEarly(listed.refusal), ranked, relevance, relevanceFeatures: relevanceValues };
  if (listed) {
    const lead = ranked.find((c) => c.chunk.id === listed.lead.id) ?? best;
    const scored = lead ? confidenceOf(lead, listed.measures) : { values: undefined, confidence: 0.5 };
    return finish({ ranked, kind: "list", draft: listed.draft, answerFeatures: scored.values, relevanceFeatures: relevanceValues, confidence: scored.confidence, relevance }, models, context);
  }
  if (!best) return { ...refusedEarly({ reason: "low-relevance", detail: "Nothing was retrieved for the question." }), relevanceFeatures: relevanceValues };
  const describe = analysis.intent === "describe";
  const draft = describe ? describeAnswer(ranked, context) : proseAnswer(ranked, context);
  const scored = confidenceOf(best);
  return finish({ ranked, kind: describe ? "describe" : "prose", draft, answerFeatures: scored.values, relevanceFeatures: relevanceValues, confidence: scored.confidence, relevance }, models, context);
}

function finish(partial: Omit<Assessment, "verdict" | "related">, models: AnswerModels, context: CorpusContext): Assessment {
  const verdict = partial.draft.citations.length
    ? decide(partial.confidence, partial.relevance, models.thresholds)
    : decide(0, partial.relevance, models.thresholds);
  return { ...partial, verdict, related: () => relatedPassages(partial.ranked, context) };
}

/**
 * The answer to "what happened in ...", "how many ...", "first/last ...": the matching timeline items
 * in date order. Undefined when the question is better answered in prose (a count stated in a sentence,
 * a list question naming nothing the timeline holds).
 */
function listDraft(input: AnswerInput, context: CorpusContext, ranked: RankedCandidate[]): { draft: { text: string; citations: Citation[] }; lead: Chunk; measures: ListMeasures } | { refusal: Refusal } | undefined {
  const { analysis } = input;
  const ordinal = analysis.intent === "first" || analysis.intent === "last";
  const listy = analysis.intent === "timeline" || analysis.intent === "count" || ordinal;
  if (!listy || !context.timeline.length) return undefined;
  const scoped = topicTerms(analysis).length > 0 || analysis.periods.length > 0;
  if (!scoped && !ordinal) return undefined;
  // "How many countries attended": a sentence that counts them answers, not a count of entries.
  if (analysis.intent === "count" && ranked.slice(0, 3).some((c) => countsDirectly(chunkFacts(c.chunk, context.year).sentences[c.index]!.quantities, analysis.countNoun))) return undefined;
  // Within a narrow period, a list keeps anything near the topic ("military activities in July"); over
  // a period holding most of the timeline, only close matches ("joint bomber patrols in 2024").
  const inPeriod = selectEntries({ ...analysis, terms: [] }, context.timeline, context.weights, true, context.year);
  const strict = analysis.intent !== "timeline" || !analysis.periods.length || inPeriod.length > context.timeline.length / 3;
  if (!inPeriod.length && analysis.periods.length && analysis.intent === "timeline") {
    return { refusal: { reason: "empty-period", detail: `The documents have no dated entries for ${analysis.periods.map((p) => p.text).join(" or ")}.` } };
  }
  let selected = selectEntries(analysis, context.timeline, context.weights, strict, context.year);
  // "The last event ... and who met whom": when the words beside "first" or "last" match no entry,
  // the question is still about the order of the whole timeline.
  if (!selected.length && ordinal) selected = selectEntries({ ...analysis, terms: [] }, context.timeline, context.weights, strict, context.year);
  if (analysis.intent === "count" && selected.length <= 1) return undefined;
  if (!selected.length) return undefined;
  const cites = createCitationList();
  const text = listAnswer(analysis, selected, cites);
  const citations = cites.list();
  if (!citations.length) return undefined;
  const topic = topicTerms(analysis);
  const covered = context.weights.coverageOf(topic);
  const topicCoverage = topic.length ? Math.max(...selected.map((entry) => covered(chunkFacts(entry, context.year).terms))) : 1;
  const lead = ordinal ? (analysis.intent === "first" ? selected[0]! : selected.at(-1)!) : selected[0]!;
  return { draft: { text, citations }, lead, measures: { topicCoverage, size: selected.length } };
}

/** The best sentence's passage, and a second from another chunk when it is nearly as likely and fits. */
function proseAnswer(ranked: RankedCandidate[], context: CorpusContext): { text: string; citations: Citation[] } {
  const cites = createCitationList();
  const best = ranked[0]!;
  const parts: string[] = [];
  const scoredList = ranked.map((c) => ({ chunk: c.chunk, sentence: c.sentence, index: c.index, score: c.score }));
  const say = (picked: RankedCandidate) => {
    const scored = { chunk: picked.chunk, sentence: picked.sentence, index: picked.index, score: picked.score };
    const pieces = passage(scored, scoredList, context.year);
    const numbers = pieces.map((piece) => cites.cite(picked.chunk, piece));
    const n = numbers[0];
    if (!n || numbers.some((m) => m !== n)) return;
    const heading = headingFor(picked.chunk);
    let line = citedItem({ label: heading, text: pieces.join(" … "), n });
    if (picked.chunk.kind !== "chronology") {
      const entry = matchingEntry(scored, context.timeline.filter((c) => c.kind === "chronology"), context.weights, context.year);
      const m = entry && cites.cite(entry, chunkFacts(entry, context.year).sentences[0]!.text);
      if (entry?.dateLabel && m) line += chronologyNote(entry.dateLabel, m);
    }
    parts.push(line);
  };
  say(best);
  const second = ranked.find((c) => c.chunk.id !== best.chunk.id && c.probability >= best.probability * 0.85 && parts.join(" ").length + c.sentence.length < SOFT_LIMIT);
  if (second) say(second);
  return { text: parts.join(" "), citations: cites.list() };
}

/** "Describe ...", "Tell me about ...": the opening of the best passage, and of the next best passage on it. */
function describeAnswer(ranked: RankedCandidate[], context: CorpusContext): { text: string; citations: Citation[] } {
  const cites = createCitationList();
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const candidate of ranked) {
    if (seen.has(candidate.chunk.id) || parts.length >= 2) continue;
    seen.add(candidate.chunk.id);
    const sentences = chunkFacts(candidate.chunk, context.year).sentences.map((s) => s.text);
    let quote = "";
    for (const sentence of sentences) {
      if (quote && quote.length + sentence.length > SOFT_LIMIT / (parts.length ? 2 : 1)) break;
      quote = quote ? `${quote} ${sentence}` : sentence;
    }
    const n = candidate.chunk.text.includes(quote) ? cites.cite(candidate.chunk, quote) : cites.cite(candidate.chunk, candidate.sentence);
    if (n) parts.push(`${candidate.chunk.text.includes(quote) ? quote : candidate.sentence} [${n}]`);
    if (parts.length === 1 && candidate.probability < ranked[0]!.probability / 2) break;
  }
  return { text: parts.join("\n\n"), citations: cites.list() };
}

/** The closest passages, one line each with its best sentence, for an answer the answerer is not sure of. */
function relatedPassages(ranked: RankedCandidate[], context: CorpusContext): { text: string; citations: Citation[] } | undefined {
  const cites = createCitationList();
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const candidate of ranked) {
    if (seen.has(candidate.chunk.id) || lines.length >= MAX_RELATED) continue;
    seen.add(candidate.chunk.id);
    const heading = headingFor(candidate.chunk);
    const quote = firstWords(candidate.sentence, RELATED_CHARS);
    const n = cites.cite(candidate.chunk, quote.replace(/…$/, ""));
    if (n) lines.push(listLine({ label: heading, text: quote, n }));
  }
  return lines.length ? { text: `${RELATED_LEAD}\n${lines.join("\n")}`, citations: cites.list() } : undefined;
}
