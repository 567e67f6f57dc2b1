import type { Chunk, DateRange } from "../index/chunk.js";
import { createCitationList, reconcileCitations, type CitationList } from "./citations.js";
import { answersSomethingElse } from "./answer-mismatch.js";
import { chunkFacts } from "./chunk-facts.js";
import { listAnswer } from "./list-answer.js";
import { matchingEntry, passage, SOFT_LIMIT } from "./passage.js";
import { outOfCoverage, outsideMessage } from "./period-coverage.js";
import { lacksSupport, measureSupport } from "./refusal.js";
import { scoreSentences, type ScoredSentence } from "./sentence-pick.js";
import { streamPieces } from "./stream-pieces.js";
import type { TermWeights } from "./term-weights.js";
import { selectEntries, topicTerms } from "./timeline.js";
import type { Answer, Answerer, AnswerInput } from "./types.js";

export interface ExtractiveOptions {
  /** Every chunk of the index: list questions scan the whole chronology, not only the top hits. */
  chunks: Chunk[];
  weights: TermWeights;
  /** First and last day the corpus's dated entries cover. */
  coverage?: DateRange;
  /** The year dates written without one are read in. */
  year: number;
}

export const NOT_COVERED = "The corpus does not cover this question.";

/** Answers from the corpus's own sentences, each followed by its [n]; refuses rather than guess. */
export function createExtractiveAnswerer(options: ExtractiveOptions): Answerer {
  const entries = options.chunks.filter((chunk) => chunk.kind === "chronology" && chunk.date);
  const answer = async (input: AnswerInput): Promise<Answer> => {
    const { text, citations } = compose(input, entries, options);
    const refused = citations.length === 0;
    return refused
      ? { text: text || NOT_COVERED, citations: [], refused, mode: "extractive", confidence: 0 }
      : { ...reconcileCitations(text, citations), refused, mode: "extractive", confidence: 1 };
  };
  return {
    answer,
    async *stream(input) {
      const result = await answer(input);
      // Sentence by sentence (or line by line for lists), so every client reads the same event stream.
      for (const piece of streamPieces(result.text)) yield { delta: piece };
      yield { done: result };
    },
  };
}

function compose(input: AnswerInput, entries: Chunk[], options: ExtractiveOptions): { text: string; citations: ReturnType<CitationList["list"]> } {
  const { analysis, sources } = input;
  const cites = createCitationList();
  const outside = outOfCoverage(analysis, options.coverage, options.year, sources);
  if (outside) return { text: outsideMessage(outside, entries, options.coverage!), citations: [] };

  const listy = analysis.intent === "timeline" || analysis.intent === "count" || analysis.intent === "first" || analysis.intent === "last";
  const scoped = topicTerms(analysis).length > 0 || analysis.periods.length > 0;
  if (listy && (scoped || analysis.intent === "first" || analysis.intent === "last")) {
    const strict = analysis.intent !== "timeline" || !analysis.periods.length;
    let selected = selectEntries(analysis, entries, options.weights, strict, options.year);
    // "The last event ... and who met whom": when the words beside "first" or "last" match no entry,
    // the question is still about the order of the whole (dated) chronology.
    if (!selected.length && (analysis.intent === "first" || analysis.intent === "last")) {
      selected = selectEntries({ ...analysis, terms: [] }, entries, options.weights, strict, options.year);
    }
    // "How many times did Putin mention China" counts within one event: the prose answer has the number.
    const single = analysis.intent === "count" && selected.length <= 1;
    if (selected.length && !single) return { text: listAnswer(analysis, selected, cites), citations: cites.list() };
    if (!selected.length && analysis.periods.length && analysis.intent === "timeline") {
      return { text: `The chronology has no entries for ${analysis.periods.map((p) => p.text).join(" or ")}.`, citations: [] };
    }
  }

  if (lacksSupport(measureSupport(analysis, sources, options.weights, options.year))) return { text: NOT_COVERED, citations: [] };
  const ranked = scoreSentences(analysis, sources, options.weights, options.year);
  if (!ranked.length || answersSomethingElse(analysis, ranked[0], passage(ranked[0], ranked, options.year).join(" "), options.year, options.chunks, options.weights)) return { text: NOT_COVERED, citations: [] };
  return { text: proseAnswer(ranked, entries, options, cites), citations: cites.list() };
}

/** The best sentence's passage, and a second from another chunk when it scores nearly as well and fits. */
function proseAnswer(ranked: ScoredSentence[], entries: Chunk[], options: ExtractiveOptions, cites: CitationList): string {
  const best = ranked[0];
  const parts: string[] = [];
  const say = (picked: ScoredSentence) => {
    const pieces = passage(picked, ranked, options.year);
    const numbers = pieces.map((piece) => cites.cite(picked.chunk, piece));
    const n = numbers[0];
    if (!n || numbers.some((m) => m !== n)) return;
    let line = `${pieces.join(" … ")} [${n}]`;
    if (picked.chunk.kind === "article") {
      const entry = matchingEntry(picked, entries, options.weights, options.year);
      const m = entry && cites.cite(entry, chunkFacts(entry, options.year).sentences[0].text);
      if (entry && m) line += ` (chronology: ${entry.dateLabel} [${m}])`;
    }
    parts.push(line);
  };
  say(best);
  const second = ranked.find((s) => s.chunk.id !== best.chunk.id && s.score >= best.score * 0.8 && parts.join(" ").length + s.sentence.length < SOFT_LIMIT);
  if (second) say(second);
  return parts.join(" ");
}

