import type { Chunk } from "../index/chunk.js";
import { findDates, overlaps } from "../dates/index.js";
import type { QuestionAnalysis } from "../retrieve/question.js";
import { terms, tokenize } from "../text/terms.js";
import { chunkFacts } from "./chunk-facts.js";
import { personNames } from "./person-names.js";
import { countsNoun, isMeasureWord, isMoney, isMoneyQuestion, isNumericQuestion, quantities } from "./quantities.js";
import type { ScoredSentence } from "./sentence-pick.js";
import type { TermWeights } from "./term-weights.js";

// Terms in more than about a quarter of all chunks: ln(1 + 1/0.25) ≈ 1.6.
const DISTINCTIVE_IDF = 1.6;
// "How many X does Y have": Y owns what is counted.
const POSSESSION = /\bhow (?:many|much)\b.*?\b(?:does|do|did)\s+(.+?)\s+(?:have|has|own|possess|operate|field|deploy|keep|hold)\b/i;
// "China's ambassador to Russia": who represents whom, and where.
const ROLE_TO = /([\p{L}-]+)(?:['’]s)?\s+(ambassador|envoy|representative|embassy)\s+(?:to|in)\s+(?:the\s+)?([\p{L}-]+)/giu;
const TIME_OF_DAY_QUESTION = /\b(what|which) time\b|\btime of (the )?day\b|\bat what hour\b/i;
const TIME_OF_DAY = /\b\d{1,2}(:\d{2})?\s*(a\.?m\.?|p\.?m\.?|o[’']clock|hours?\b)|\b(morning|afternoon|evening|noon|midnight|night|dawn|dusk)\b/i;
const FUTURE_QUESTION = /\b(when|what year|how soon)\b.*\b(will|is\s+\w+\s+(expected|scheduled|due|planned)|going to)\b/i;
const FORWARD_LOOKING = /\b(will|would|shall|expected|expects?|plans?|planned|scheduled|due|to be \w+ed|by (the )?(year-?end|end of)|next|upcoming|future)\b/i;

/**
 * Why the best passage answers some other question than the one asked (undefined when it does not), so that quoting it would be
 * a confident wrong answer: a count that counts something else or nothing, a sum that is no money, a
 * who-question with nobody named, a place or person of the question missing, the future asked of a past
 * event, or another period than the one asked ("trade in 2024" met by "in 2023, trade reached ...").
 */
export function answersSomethingElse(analysis: QuestionAnalysis, best: ScoredSentence, quoted: string, year: number, chunks: Chunk[], weights: TermWeights): string | undefined {
  const distinctive = (term: string) => weights.idf(term) >= DISTINCTIVE_IDF;
  if (isNumericQuestion(analysis.text)) {
    const found = quantities(quoted, year);
    if (!found.length) return "no quantity in the passage";
    // The passage speaks of the thing asked about ("ships") without ever counting it.
    const head = analysis.countNoun?.trim().split(/\s+/).at(-1);
    // The passage counts other things ("two ships" for "how many sailors"), or names the thing asked
    // about ("ships") without ever counting it.
    const countsOther = found.some((q) => q.following.some((word) => /^\p{L}{3,}$/u.test(word) && !["and", "more", "than", "the", "of"].includes(word)));
    if (head && !countsNoun(found, head) && (countsOther || terms(quoted).includes(terms(head)[0] ?? ""))) return "the passage counts something else";
    // "How many Chinese troops" is not answered by a sentence counting troops with no word of China.
    const modifiers = terms((analysis.countNoun?.trim().split(/\s+/).slice(0, -1) ?? []).filter((word) => /^\p{Lu}/u.test(word)).join(" "));
    const counting = chunkFacts(best.chunk, year).sentences.filter((s) => quoted.includes(s.text) && countsNoun(s.quantities, head));
    if (modifiers.length && counting.length && !counting.some((s) => modifiers.every((term) => s.terms.has(term)))) return "the counting sentence lacks the subset's name";
    if (isMoneyQuestion(analysis.text) && !found.some(isMoney)) return "no sum of money";
    // "What was the total trade volume" needs a sentence about trade, whatever figure it gives: the
    // sentence stating the figure must share a distinctive word with the question besides the measure.
    const measured = terms(tokenize(analysis.text).filter((word) => !isMeasureWord(word)).join(" ")).filter(distinctive);
    const sentenceTerms = chunkFacts(best.chunk, year).sentences[best.index].terms;
    if (measured.length && !measured.some((term) => sentenceTerms.has(term))) return "the measured thing is not in the sentence";
    // "How many warheads does China have?" needs China in the sentence that counts: a count of
    // someone else's warheads, even in a paragraph that mentions China, is not the answer.
    const owner = POSSESSION.exec(analysis.text)?.[1];
    if (owner && terms(owner).some((term) => !chunkFacts(best.chunk, year).sentences[best.index].terms.has(term))) return "the counting sentence lacks the owner";
  }
  // A who-question is answered only by a passage that names someone the question does not.
  if (analysis.intent === "who") {
    const asked = new Set(analysis.terms);
    const named = personNames(quoted).filter((name) => terms(name).some((term) => !asked.has(term)));
    if (!named.length) return "nobody new is named";
  }
  // Every place and person the question names must be in the passage: "Dong Jun's visit to Moscow" is
  // not answered by Belousov's visit to Beijing, where Dong Jun received him.
  // Names found all over the corpus ("China", "Russia") are its subject, not a detail to check.
  const named = contextTerms(best.chunk, chunks, year);
  if (analysis.keywords.some((word) => /^\p{Lu}/u.test(word) && terms(word).some((term) => distinctive(term) && !named.has(term)))) return "a name of the question is missing";
  // "China's ambassador to Russia" is not answered by Russia's ambassador to China.
  if (reversesRelation(analysis.text, quoted)) return "the passage has the relation the other way round";
  // "What time did the talks start?" is answered only by a time of day.
  if (TIME_OF_DAY_QUESTION.test(analysis.text) && !TIME_OF_DAY.test(quoted)) return "no time of day";
  // "When will X be done?" asks about the future: only a forward-looking sentence can answer it.
  if (FUTURE_QUESTION.test(analysis.text) && !FORWARD_LOOKING.test(best.sentence)) return "no forward-looking sentence";
  const spoken = findDates(best.sentence, year);
  if (!analysis.dates.length || best.chunk.date) return undefined;
  const asked = (text: string) => findDates(text, year).some((d) => analysis.dates.some((q) => overlaps(d.range, q.range)));
  // The sentence may lean on the one before it for the period ("In 2023, trade ... While oil ...").
  const previous = best.index > 0 ? chunkFacts(best.chunk, year).sentences[best.index - 1].text : "";
  return spoken.length > 0 && !asked(best.sentence) && !asked(previous) ? "the sentence speaks of another period" : undefined;
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

/** Whether the passage states the question's "X's role to Y" only the other way round (Y's role to X). */
function reversesRelation(question: string, passage: string): boolean {
  const relations = (text: string) =>
    [...text.matchAll(ROLE_TO)].map((m) => ({ from: terms(m[1]).join(" "), role: m[2].toLowerCase(), to: terms(m[3]).join(" ") }));
  const [asked] = relations(question);
  if (!asked?.from || !asked.to) return false;
  const stated = relations(passage).filter((r) => r.role === asked.role);
  const same = stated.some((r) => r.from === asked.from && r.to === asked.to);
  const reversed = stated.some((r) => r.from === asked.to && r.to === asked.from);
  return reversed && !same;
}
