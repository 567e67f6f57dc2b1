import { timelineOrder, type Chunk } from "../index/chunk.js";
import { overlaps } from "../dates/index.js";
import type { QuestionAnalysis } from "../retrieve/question.js";
import { terms } from "../text/terms.js";
import type { TermWeights } from "../text/term-weights.js";
import { chunkFacts } from "./chunk-facts.js";

// Words that ask for a list of events rather than name a topic: they must not narrow the list.
const LIST_WORDS = new Set(terms("what happened happen events event took place occurred occur list timeline chronology chronological entries entry times many often number month week day year period activities activity first last earliest latest initial final recent when date anything something things thing going changed changes summarize summarise overview release releases released version versions milestone milestones newest oldest"));
// Nouns that count occurrences, not a kind of thing: "how many times", "how many events".
const OCCURRENCE = new Set(terms("times events entries occasions things items instances"));
// A dated passage spanning more than about a month ("over the summer") is a period's story, not an event to list.
const MAX_EVENT_DAYS = 31;

/** The question's terms that name a topic ("exercises", "Wang Yi"), without list and date words. */
export function topicTerms(analysis: QuestionAnalysis): string[] {
  return analysis.terms.filter((term) => !LIST_WORDS.has(term) && !/^\d+$/.test(term));
}

/**
 * Chronology entries a list question asks for, in date order: inside the periods it names (if any),
 * and, when it names a topic, those that match the topic nearly as well as the best match does.
 */
export function selectEntries(analysis: QuestionAnalysis, entries: Chunk[], weights: TermWeights, strict: boolean, year: number): Chunk[] {
  let pool = entries.filter((entry) => daysOf(entry) <= MAX_EVENT_DAYS && (!analysis.periods.length || analysis.periods.some((p) => overlaps(p.range, entry.date!))));
  const topic = topicTerms(analysis);
  // "How many employees": a count of entries only when the entries name what is counted.
  const counted = analysis.intent === "count" ? countedTerm(analysis) : undefined;
  if (counted) pool = pool.filter((entry) => chunkFacts(entry, year).textTerms.has(counted));
  if (topic.length && pool.length) {
    const covered = weights.coverageOf(topic);
    const scored = pool.map((entry) => ({ entry, coverage: covered(chunkFacts(entry, year).terms) }));
    const best = Math.max(...scored.map((s) => s.coverage));
    // A topic no entry mentions is a question for the prose, not a list of everything in the period.
    if (best === 0) return [];
    // A list within a named period keeps anything on topic; a count or first/last keeps only close matches.
    const floor = strict ? Math.max(0.34, best * 0.75) : Math.max(0.01, best * 0.3);
    const kept = scored.filter((s) => s.coverage >= floor).map((s) => s.entry);
    pool = kept.length || strict ? kept : pool;
  }
  return dedupe(pool, year).sort(timelineOrder);
}

/** The index term of the counted noun's head, unless it counts occurrences ("times"). */
function countedTerm(analysis: QuestionAnalysis): string | undefined {
  const head = analysis.countNoun?.trim().split(/\s+/).at(-1);
  const term = head ? terms(head)[0] : undefined;
  return term && !OCCURRENCE.has(term) ? term : undefined;
}

function daysOf(chunk: Chunk): number {
  return (Date.parse(chunk.date!.end) - Date.parse(chunk.date!.start)) / 86_400_000 + 1;
}

/**
 * Drops entries that repeat another's event: the same date and most of the words (an article's bullets
 * echo a chronology), or prose dated the same day as a chronology entry (the story of that entry).
 */
function dedupe(entries: Chunk[], year: number): Chunk[] {
  const kept: Chunk[] = [];
  const chronologyDays = new Set(entries.filter((e) => e.kind === "chronology").map((e) => e.date!.start));
  for (const entry of entries) {
    if (entry.kind !== "chronology" && chronologyDays.has(entry.date!.start)) continue;
    const words = chunkFacts(entry, year).textTerms;
    const twin = kept.find((k) => k.date!.start === entry.date!.start && similarity(words, chunkFacts(k, year).textTerms) > 0.5);
    if (!twin) kept.push(entry);
  }
  return kept;
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}
