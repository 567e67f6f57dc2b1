import type { Chunk, DateRange } from "../index/chunk.js";
import { overlaps, overlapsInAnyYear } from "../dates/index.js";
import type { CorpusContext } from "../retrieve/corpus-context.js";
import type { QuestionAnalysis } from "../retrieve/question.js";
import type { Retrieved } from "../retrieve/retriever.js";
import { carriesFreshDate, holdsAnswerType } from "./answer-types.js";
import { keepsPhrase, termPairs } from "../text/phrases.js";
import { terms } from "../text/terms.js";
import { chunkFacts } from "./chunk-facts.js";

/**
 * The measurements every answering decision is made from. Each is corpus-independent: a share, a
 * ratio to the best candidate, a yes/no about the question's kind. Weights over them are fitted by
 * `npm run train` on labelled questions from several corpora, never set by hand for one.
 */
export const SENTENCE_FEATURES = [
  "sentenceCoverage", "windowCoverage", "passageCoverage", "phraseShare", "absentKnown", "keywordShare", "passageKeywordShare",
  "dense", "denseRelative", "bm25Relative", "fusedRelative", "rankInverse",
  "typeExpected", "typePresent", "dateMissing", "timeMissing", "numberMissing", "personMissing", "placeMissing",
  "newContent", "length", "firstSentence", "dateMatch", "periodConflict", "focusInWindow", "isQuestion",
  "unknownShare", "termCount", "describe",
] as const;

/** A sentence of a retrieved chunk as a possible answer, with its measurements. */
export interface SentenceCandidate {
  chunk: Chunk;
  source: Retrieved;
  /** Index of the sentence within its chunk. */
  index: number;
  sentence: string;
  /** Values in the order of SENTENCE_FEATURES. */
  features: number[];
}

/** Question-level measurements, shared by all of its candidates. */
export interface QuestionFeatures {
  unknownShare: number;
  termCount: number;
  topDense: number;
  topBm25: number;
  topFused: number;
}

export function questionFeatures(analysis: QuestionAnalysis, sources: Retrieved[], context: CorpusContext): QuestionFeatures {
  const unique = [...new Set(analysis.terms)];
  const total = unique.reduce((sum, term) => sum + context.weights.idf(term), 0);
  const unknown = unique.filter((term) => !context.weights.known(term)).reduce((sum, term) => sum + context.weights.idf(term), 0);
  return {
    unknownShare: total ? unknown / total : 1,
    termCount: unique.length,
    topDense: Math.max(0, ...sources.map((s) => s.dense ?? 0)),
    topBm25: Math.max(0, ...sources.map((s) => s.bm25 ?? 0)),
    topFused: Math.max(0, ...sources.map((s) => s.score)),
  };
}

/** Every sentence of the top `depth` sources, measured as an answer to the question. */
export function sentenceCandidates(analysis: QuestionAnalysis, sources: Retrieved[], context: CorpusContext, question: QuestionFeatures, depth = 5): SentenceCandidate[] {
  const { weights, year } = context;
  const wanted = [...new Set(analysis.terms)];
  const idfs = wanted.map((term) => weights.idf(term));
  const total = idfs.reduce((a, b) => a + b, 0);
  const pairs = termPairs(analysis.terms);
  const asked = new Set(analysis.terms);
  const keywords = analysis.keywords.map((word) => word.toLowerCase());
  const focus = focusTerm(analysis);
  const askedType = MISSING_AS[analysis.answerType] ?? analysis.answerType;
  const covered = weights.coverageOf(wanted);
  const candidates: SentenceCandidate[] = [];
  sources.slice(0, depth).forEach((source, rank) => {
    const facts = chunkFacts(source.chunk, year);
    const passageCoverage = covered(facts.terms);
    // Words of the question the corpus uses elsewhere but this passage (with its heading) never does:
    // "unpaid leave" met by a passage on paid leave.
    const absentKnown = total ? wanted.reduce((sum, term, i) => sum + (weights.known(term) && !facts.terms.has(term) ? idfs[i]! : 0), 0) / total : 0;
    const context = `${source.chunk.section ?? ""} ${(source.chunk.headings ?? []).join(" ")} ${source.chunk.text}`.toLowerCase();
    const passageKeywordShare = keywords.length ? keywords.filter((word) => context.includes(word)).length / keywords.length : 1;
    const askedPeriods: Dated[] = [...analysis.periods, ...analysis.dates.filter((d) => d.explicitYear)];
    const chunkDateMatch = Boolean(source.chunk.date && askedPeriods.some((asked) => sameTime(asked, { range: source.chunk.date!, explicitYear: true })));
    facts.sentences.forEach((sentence, index) => {
      if (sentence.text.length < 12 && facts.sentences.length > 1) return;
      const window = new Set([...sentence.terms, ...(facts.sentences[index - 1]?.terms ?? []), ...(facts.sentences[index + 1]?.terms ?? [])]);
      const lowerText = sentence.text.toLowerCase();
      const typeExpected = analysis.answerType !== "any";
      const typePresent = typeExpected && holdsAnswerType(analysis.answerType, sentence, analysis, carriesFreshDate(source.chunk, analysis));
      const missing = (type: QuestionAnalysis["answerType"]) => (askedType === type && !typePresent ? 1 : 0);
      // The question names a period and the passage speaks only of others ("in 2022" met by a 2023 figure).
      // The sentence before counts too: it often sets the period a sentence goes on about ("In 2023, trade
      // grew. Imports rose by 24%, up from 19% in 2022.").
      const spoken: Dated[] = [...(facts.sentences[index - 1]?.periods ?? []), ...sentence.periods, ...(source.chunk.date ? [{ range: source.chunk.date, explicitYear: true }] : [])];
      const dateMatch = chunkDateMatch || spoken.some((said) => askedPeriods.some((asked) => sameTime(asked, said)));
      const periodConflict = askedPeriods.length > 0 && spoken.length > 0 && !dateMatch;
      const fresh = sentence.termList.filter((term) => !asked.has(term)).length;
      const features = [
        covered(sentence.terms),
        covered(window),
        passageCoverage,
        pairs.length ? pairs.filter(([a, b]) => keepsPhrase(sentence.termList, a, b)).length / pairs.length : 0,
        absentKnown,
        keywords.length ? keywords.filter((word) => lowerText.includes(word)).length / keywords.length : 1,
        passageKeywordShare,
        source.dense ?? 0,
        question.topDense ? (source.dense ?? 0) / question.topDense : 0,
        question.topBm25 ? (source.bm25 ?? 0) / question.topBm25 : 0,
        question.topFused > 0 ? Math.max(0, source.score) / question.topFused : 0,
        1 / (1 + rank),
        typeExpected ? 1 : 0,
        typePresent ? 1 : 0,
        missing("date"),
        missing("time"),
        missing("number"),
        missing("person"),
        missing("place"),
        sentence.termList.length ? fresh / sentence.termList.length : 0,
        Math.log1p(sentence.text.length / 100),
        index === 0 ? 1 : 0,
        dateMatch ? 1 : 0,
        periodConflict ? 1 : 0,
        focus === undefined ? 0.5 : window.has(focus) || facts.terms.has(focus) ? 1 : 0,
        /\?\**\s*$/.test(sentence.text) ? 1 : 0,
        question.unknownShare,
        Math.log1p(question.termCount),
        analysis.intent === "describe" ? 1 : 0,
      ];
      candidates.push({ chunk: source.chunk, source, index, sentence: sentence.text, features });
    });
  });
  return candidates;
}

// The feature a missing answer of each type is reported under: a sum of money is a figure, any name counts as a person's.
const MISSING_AS: Partial<Record<QuestionAnalysis["answerType"], QuestionAnalysis["answerType"]>> = { money: "number", name: "person" };

type Dated = { range: DateRange; explicitYear: boolean };

/**
 * Whether a period asked about and one a passage speaks of share a day. When neither says its year, both
 * recur ("shut in January" against "open from November to March"), so only the days of the year count.
 */
function sameTime(asked: Dated, said: Dated): boolean {
  return !asked.explicitYear && !said.explicitYear ? overlapsInAnyYear(asked.range, said.range) : overlaps(asked.range, said.range);
}

// "What port ...", "Which version ...", "How many employees ...": the noun the question is about.
const FOCUS = /\b(?:what|which|how many|how much)\s+(?:(?:the|a|an|kind of|sort of|type of)\s+)?([\p{L}][\p{L}-]*)/iu;

/** The index term of the question's focus noun, when it has one that is not a stopword. */
function focusTerm(analysis: QuestionAnalysis): string | undefined {
  const word = FOCUS.exec(analysis.query)?.[1];
  return word ? terms(word)[0] : undefined;
}

/** What a list answer adds: how well its items match the question's topic (1 when it names none), and how many there are. */
export interface ListMeasures {
  topicCoverage: number;
  size: number;
}

/** Measurements of the answer as a whole: the chosen sentence's, how clearly it won, and the retrieval's. */
export const ANSWER_FEATURES = [
  ...SENTENCE_FEATURES, "rankerProbability", "margin", "candidates", "topDense", "listAnswer", "listTopicCoverage", "listSize",
] as const;

/**
 * `probability`: the ranker's share for the lead sentence among all candidates (a softmax);
 * `margin`: its score's lead over the best sentence of another passage.
 */
export function answerFeatures(best: SentenceCandidate, probability: number, margin: number | undefined, count: number, question: QuestionFeatures, list?: ListMeasures): number[] {
  return [
    ...best.features,
    probability,
    margin === undefined ? 3 : Math.max(-3, Math.min(3, margin)),
    Math.log1p(count),
    question.topDense,
    list ? 1 : 0,
    list ? list.topicCoverage : 0,
    list ? Math.log1p(list.size) : 0,
  ];
}

/** Measurements of whether anything retrieved is about the question at all. */
export const RELEVANCE_FEATURES = ["topDense", "bestPassageCoverage", "bestWindowCoverage", "unknownShare", "termCount", "keywordShare"] as const;

export function relevanceFeatures(candidates: SentenceCandidate[], question: QuestionFeatures): number[] {
  const index = (name: (typeof SENTENCE_FEATURES)[number]) => SENTENCE_FEATURES.indexOf(name);
  const max = (name: (typeof SENTENCE_FEATURES)[number]) => Math.max(0, ...candidates.map((c) => c.features[index(name)]!));
  return [question.topDense, max("passageCoverage"), max("windowCoverage"), question.unknownShare, Math.log1p(question.termCount), max("keywordShare")];
}
