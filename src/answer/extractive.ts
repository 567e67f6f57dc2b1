import type { Chunk, DateRange } from "../index/chunk.js";
import { splitSentences } from "../index/sentences.js";
import { findDates, formatRange, overlaps, rangeDistance } from "../dates/index.js";
import type { Retrieved } from "../retrieve/retriever.js";
import type { QuestionAnalysis } from "../retrieve/question.js";
import { terms } from "../text/terms.js";
import { createCitationList, reconcileCitations, type CitationList } from "./citations.js";
import { lacksSupport, measureSupport } from "./refusal.js";
import { chunkFacts } from "./chunk-facts.js";
import { personNames } from "./person-names.js";
import { countsNoun, isMoney, isMoneyQuestion, isNumericQuestion, quantities } from "./quantities.js";
import { scoreSentences, type ScoredSentence } from "./sentence-pick.js";
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
const SOFT_LIMIT = 400;
// Terms in more than about a quarter of all chunks: ln(1 + 1/0.25) ≈ 1.6.
const DISTINCTIVE_IDF = 1.6;
const LIST_ITEM_LIMIT = 170;
const MAX_LIST = 12;

/** Answers from the corpus's own sentences, each followed by its [n]; refuses rather than guess. */
export function createExtractiveAnswerer(options: ExtractiveOptions): Answerer {
  const entries = options.chunks.filter((chunk) => chunk.kind === "chronology" && chunk.date);
  const answer = async (input: AnswerInput): Promise<Answer> => {
    const { text, citations } = compose(input, entries, options);
    const refused = citations.length === 0;
    return refused
      ? { text: text || NOT_COVERED, citations: [], refused, mode: "extractive" }
      : { ...reconcileCitations(text, citations), refused, mode: "extractive" };
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

/** The text cut after each line and each sentence, whitespace kept, so the pieces join back to the text. */
export function streamPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    let rest = line;
    // A citation marker stays with the sentence it cites.
    const sentences = splitSentences(line).filter((sentence, i, all) => !/^(\[\d+\]\s*)+$/.test(all[i + 1] ?? ""));
    for (const sentence of sentences.slice(0, -1)) {
      const end = rest.indexOf(sentence) + sentence.length;
      const next = rest.slice(end).search(/\S/);
      const cut = next < 0 ? rest.length : end + next;
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    if (rest) pieces.push(rest);
  }
  return pieces;
}

function compose(input: AnswerInput, entries: Chunk[], options: ExtractiveOptions): { text: string; citations: ReturnType<CitationList["list"]> } {
  const { analysis, sources } = input;
  const cites = createCitationList();
  const outside = outOfCoverage(analysis, options, sources);
  if (outside) return { text: outsideMessage(outside, analysis, entries, options.coverage!), citations: [] };

  const listy = analysis.intent === "timeline" || analysis.intent === "count" || analysis.intent === "first" || analysis.intent === "last";
  const scoped = topicTerms(analysis).length > 0 || analysis.periods.length > 0;
  if (listy && (scoped || analysis.intent === "first" || analysis.intent === "last")) {
    const strict = analysis.intent !== "timeline" || !analysis.periods.length;
    const selected = selectEntries(analysis, entries, options.weights, strict, options.year);
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
  return { text: proseAnswer(analysis, ranked, sources, entries, options, cites), citations: cites.list() };
}

/**
 * The best sentence is about something the question did not ask: a "how many" question whose answer
 * passage holds no number, or a question about one period whose best sentence speaks only of others
 * ("trade in 2024" met by "in 2023, trade reached ...").
 */
function answersSomethingElse(analysis: QuestionAnalysis, best: ScoredSentence, quoted: string, year: number, chunks: Chunk[], weights: TermWeights): boolean {
  if (isNumericQuestion(analysis.text)) {
    const found = quantities(quoted, year);
    if (!found.length) return true;
    // The passage speaks of the thing asked about ("ships") without ever counting it.
    const head = analysis.countNoun?.trim().split(/\s+/).at(-1);
    if (head && !countsNoun(found, head) && terms(quoted).includes(terms(head)[0] ?? "")) return true;
    if (isMoneyQuestion(analysis.text) && !found.some(isMoney)) return true;
    // "How many warheads does China have?" needs China in the sentence that counts: a count of
    // someone else's warheads, even in a paragraph that mentions China, is not the answer.
    const owner = POSSESSION.exec(analysis.text)?.[1];
    if (owner && terms(owner).some((term) => !chunkFacts(best.chunk, year).sentences[best.index].terms.has(term))) return true;
  }
  // A who-question is answered only by a passage that names someone the question does not.
  if (analysis.intent === "who") {
    const asked = new Set(analysis.terms);
    const named = personNames(quoted).filter((name) => terms(name).some((term) => !asked.has(term)));
    if (!named.length) return true;
  }
  // Every place and person the question names must be in the passage: "Dong Jun's visit to Moscow" is
  // not answered by Belousov's visit to Beijing, where Dong Jun received him.
  // Names found all over the corpus ("China", "Russia") are its subject, not a detail to check.
  const named = contextTerms(best.chunk, chunks, year);
  const distinctive = (term: string) => weights.idf(term) >= DISTINCTIVE_IDF;
  if (analysis.keywords.some((word) => /^\p{Lu}/u.test(word) && terms(word).some((term) => distinctive(term) && !named.has(term)))) return true;
  // "When will X be done?" asks about the future: only a forward-looking sentence can answer it.
  if (FUTURE_QUESTION.test(analysis.text) && !FORWARD_LOOKING.test(best.sentence)) return true;
  const spoken = findDates(best.sentence, year);
  if (!analysis.dates.length || best.chunk.date) return false;
  const asked = (text: string) => findDates(text, year).some((d) => analysis.dates.some((q) => overlaps(d.range, q.range)));
  // The sentence may lean on the one before it for the period ("In 2023, trade ... While oil ...").
  const previous = best.index > 0 ? chunkFacts(best.chunk, year).sentences[best.index - 1].text : "";
  return spoken.length > 0 && !asked(best.sentence) && !asked(previous);
}

/**
 * The terms a chunk can be read with: a chronology entry stands alone; an article paragraph leans on its
 * section ("the annual gathering" two paragraphs after one naming Kazan).
 */
function contextTerms(chunk: Chunk, chunks: Chunk[], year: number): Set<string> {
  if (chunk.kind === "chronology" || !chunk.section) return chunkFacts(chunk, year).terms;
  const section = chunks.filter((c) => c.doc === chunk.doc && c.section === chunk.section && c.kind === "article");
  return new Set(section.flatMap((c) => [...chunkFacts(c, year).terms]));
}

const POSSESSION = /\bhow (?:many|much)\b.*?\b(?:does|do|did)\s+(.+?)\s+(?:have|has|own|possess|operate|field|deploy|keep|hold)\b/i;

const FUTURE_QUESTION = /\b(when|what year|how soon)\b.*\b(will|is\s+\w+\s+(expected|scheduled|due|planned)|going to)\b/i;
const FORWARD_LOOKING = /\b(will|would|shall|expected|expects?|plans?|planned|scheduled|due|to be \w+ed|by (the )?(year-?end|end of)|next|upcoming|future)\b/i;



/** The question names only periods the corpus has nothing on (say 2019 while it covers 2024). */
function outOfCoverage(analysis: QuestionAnalysis, options: ExtractiveOptions, sources: Retrieved[]) {
  const { coverage, year } = options;
  if (!coverage || !analysis.dates.length) return undefined;
  if (analysis.dates.some((m) => overlaps(m.range, coverage))) return undefined;
  // The article may still speak of another period ("bilateral trade in 2023"): then it is not out of range.
  const spoken = sources.slice(0, 3).flatMap((s) => findDates(s.chunk.text, year));
  const mentioned = analysis.dates.some((m) => spoken.some((d) => overlaps(d.range, m.range) && d.precision !== "year" || d.text === m.text));
  return mentioned ? undefined : analysis.dates[0];
}

function outsideMessage(mention: { text: string; range: DateRange }, analysis: QuestionAnalysis, entries: Chunk[], coverage: DateRange): string {
  const nearest = [...entries]
    .sort((a, b) => rangeDistance(a.date!, mention.range) - rangeDistance(b.date!, mention.range))
    .slice(0, 2)
    .map((entry) => `${entry.dateLabel} (${firstWords(stripLabel(entry), 60)})`);
  return `The corpus does not cover ${mention.text}: its dated entries run from ${formatRange({ start: coverage.start, end: coverage.start })} to ${formatRange({ start: coverage.end, end: coverage.end })}. Nearest entries: ${nearest.join("; ")}.`;
}

function listAnswer(analysis: QuestionAnalysis, selected: Chunk[], cites: CitationList): string {
  const item = (entry: Chunk) => {
    const quote = firstWords(stripLabel(entry), LIST_ITEM_LIMIT);
    const n = cites.cite(entry, quote.replace(/…$/, ""));
    return n ? `${entry.dateLabel}: ${quote} [${n}]` : undefined;
  };
  if (analysis.intent === "first" || analysis.intent === "last") {
    const pick = analysis.intent === "first" ? selected[0] : selected[selected.length - 1];
    const line = item(pick);
    const others = selected.length > 1 ? ` (${selected.length} matching entries, from ${selected[0].dateLabel} to ${selected[selected.length - 1].dateLabel})` : "";
    return line ? `The ${analysis.intent} was on ${line}${others}` : "";
  }
  const shown = selected.slice(0, MAX_LIST).map(item).filter(Boolean);
  const where = analysis.periods.length ? ` for ${analysis.periods.map((p) => p.text).join(" and ")}` : "";
  const head = analysis.intent === "count"
    ? `${countPhrase(selected.length, analysis.countNoun)}${where}, according to the chronology:`
    : `The chronology lists ${selected.length} ${selected.length === 1 ? "entry" : "entries"}${where}:`;
  const more = selected.length > MAX_LIST ? `\n(and ${selected.length - MAX_LIST} more)` : "";
  return `${head}\n${shown.map((line) => `- ${line}`).join("\n")}${more}`;
}

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/** "3 times (three)", "2 joint bomber patrols (two)": the count in figures and in words. */
function countPhrase(n: number, noun = "entries"): string {
  return `${n} ${noun}${n < NUMBER_WORDS.length ? ` (${NUMBER_WORDS[n]})` : ""}`;
}

function proseAnswer(analysis: QuestionAnalysis, ranked: ScoredSentence[], sources: Retrieved[], entries: Chunk[], options: ExtractiveOptions, cites: CitationList): string {
  const best = ranked[0];
  const parts: string[] = [];
  const say = (picked: ScoredSentence) => {
    const pieces = passage(picked, ranked, options.year);
    const numbers = pieces.map((piece) => cites.cite(picked.chunk, piece));
    const n = numbers[0];
    if (!n || numbers.some((m) => m !== n)) return;
    let line = `${pieces.join(" … ")} [${n}]`;
    if (picked.chunk.kind === "article") {
      const entry = matchingEntry(picked, entries, options);
      const m = entry && cites.cite(entry, chunkFacts(entry, options.year).sentences[0].text);
      if (entry && m) line += ` (chronology: ${entry.dateLabel} [${m}])`;
    }
    parts.push(line);
  };
  say(best);
  const second = ranked.find((s) => s.chunk.id !== best.chunk.id && s.score >= best.score * 0.8 && parts.join(" ").length + s.sentence.length < SOFT_LIMIT);
  if (second) say(second);
  void sources;
  void analysis;
  return parts.join(" ");
}

/**
 * The words quoted for a picked sentence. A chronology entry is one dated event, so it is quoted whole
 * while it fits (its date comes first); a long one keeps its opening and its best sentences. An article
 * sentence brings the next one when both fit, since the detail asked for often follows the topic sentence.
 */
function passage(picked: ScoredSentence, ranked: ScoredSentence[], year: number): string[] {
  const sentences = chunkFacts(picked.chunk, year).sentences.map((s) => s.text);
  if (picked.chunk.kind === "chronology") {
    if (picked.chunk.text.length <= SOFT_LIMIT + 50) return [picked.chunk.text];
    const rank = new Map(ranked.filter((s) => s.chunk.id === picked.chunk.id).map((s) => [s.index, s.score]));
    const chosen = new Set([0, picked.index]);
    let length = sentences[0].length + sentences[picked.index].length;
    for (const index of [...rank.keys()].sort((a, b) => rank.get(b)! - rank.get(a)!)) {
      if (chosen.has(index) || length + sentences[index].length > SOFT_LIMIT) continue;
      chosen.add(index);
      length += sentences[index].length;
    }
    // Each run of consecutive sentences is one quote, so every quote occurs verbatim in the entry.
    const runs: string[][] = [];
    let previous = -2;
    for (const index of [...chosen].sort((a, b) => a - b)) {
      if (index === previous + 1) runs.at(-1)!.push(sentences[index]);
      else runs.push([sentences[index]]);
      previous = index;
    }
    return runs.map((run) => run.join(" "));
  }
  const next = sentences[picked.index + 1];
  const pair = next ? `${picked.sentence} ${next}` : picked.sentence;
  return [next && pair.length <= SOFT_LIMIT && picked.chunk.text.includes(pair) ? pair : picked.sentence];
}

/** The chronology entry reporting the same event as an article sentence, if there is one. */
function matchingEntry(picked: ScoredSentence, entries: Chunk[], options: ExtractiveOptions): Chunk | undefined {
  const words = [...chunkFacts(picked.chunk, options.year).sentences[picked.index].terms];
  let best: Chunk | undefined;
  let bestScore = 0;
  for (const entry of entries) {
    if (picked.chunk.date && !overlaps(picked.chunk.date, entry.date!)) continue;
    const score = options.weights.coverage(words, chunkFacts(entry, options.year).textTerms);
    if (score > bestScore) [best, bestScore] = [entry, score];
  }
  return bestScore >= (picked.chunk.date ? 0.3 : 0.45) ? best : undefined;
}

function stripLabel(entry: Chunk): string {
  return entry.dateLabel && entry.text.startsWith(entry.dateLabel) ? entry.text.slice(entry.dateLabel.length).replace(/^:\s*/, "") : entry.text;
}

/** The first sentence, cut at a word boundary to `limit` characters. */
function firstWords(text: string, limit: number): string {
  const first = splitSentences(text)[0] ?? text;
  if (first.length <= limit) return first;
  return `${first.slice(0, first.lastIndexOf(" ", limit)).replace(/[,;:]$/, "")}…`;
}
