import { timelineOrder, type Chunk, type DateRange } from "../index/chunk.js";
import type { CorpusProfile } from "../index/profile.js";
import { createSpelling, type Spelling } from "../text/spelling.js";
import { createTermWeights, type TermWeights } from "../text/term-weights.js";
import { terms } from "../text/terms.js";

/**
 * What answering knows about the whole corpus, worked out once when an index is loaded: every
 * question reads it, none recomputes it.
 */
export interface CorpusContext {
  chunks: Chunk[];
  byId: Map<string, Chunk>;
  weights: TermWeights;
  /** Every dated passage (chronology lines, dated bullets, headings and prose), in date order. */
  timeline: Chunk[];
  /** First and last day the dated passages cover. */
  coverage?: DateRange;
  /**
   * The year dates written without one are read in: the year the dated passages (or, without any, the
   * text) name most. `yearKnown` is false when the documents name no year at all; then a date without
   * a year in a question matches the same day of any year.
   */
  year: number;
  yearKnown: boolean;
  spelling: Spelling;
  profile: CorpusProfile;
  /** When the timeline's entry that best matches these words happened ("the spring audit"), if one matches well. */
  eventDate(words: string): DateRange | undefined;
}

// Share of an event's (IDF-weighted) words an entry must hold to be taken for that event.
const EVENT_MATCH = 0.5;

export function createCorpusContext(chunks: Chunk[], profile: CorpusProfile = { sampleQuestions: [], synonyms: {} }): CorpusContext {
  const timeline = chunks.filter((chunk) => chunk.date).sort(timelineOrder);
  const coverage = timeline.length
    ? { start: timeline[0]!.date!.start, end: timeline.map((c) => c.date!.end).sort().at(-1)! }
    : undefined;
  const year = mostCommon(timeline.map((chunk) => Number(chunk.date!.start.slice(0, 4))))
    ?? mostCommon(chunks.flatMap((chunk) => [...chunk.text.matchAll(/\b(1[6-9]\d{2}|20\d{2})\b/g)].map((m) => Number(m[1]))));
  const weights = createTermWeights(chunks);
  const timelineTerms = timeline.map((chunk) => new Set([...terms(chunk.text), ...terms(chunk.section ?? "")]));
  return {
    chunks,
    byId: new Map(chunks.map((chunk) => [chunk.id, chunk])),
    weights,
    timeline,
    coverage,
    year: year ?? new Date().getUTCFullYear(),
    yearKnown: year !== undefined,
    spelling: createSpelling(chunks.flatMap((chunk) => [chunk.text, chunk.section ?? ""])),
    profile,
    eventDate(words) {
      const wanted = terms(words);
      if (!wanted.length) return undefined;
      const covered = weights.coverageOf(wanted);
      let best: Chunk | undefined;
      let bestScore = 0;
      timeline.forEach((chunk, i) => {
        const score = covered(timelineTerms[i]!);
        if (score > bestScore) [best, bestScore] = [chunk, score];
      });
      return best && bestScore >= EVENT_MATCH ? (best as Chunk).date : undefined;
    },
  };
}

function mostCommon(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: number | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  return best;
}
