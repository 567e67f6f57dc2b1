import type { Chunk } from "../index/chunk.js";
import { splitSentences } from "../index/sentences.js";
import { overlaps } from "../dates/index.js";
import { chunkFacts } from "./chunk-facts.js";
import type { TermWeights } from "../text/term-weights.js";

/** A sentence of a retrieved chunk, scored as an answer to the question. */
export interface ScoredSentence {
  chunk: Chunk;
  sentence: string;
  /** Index of the sentence within its chunk. */
  index: number;
  score: number;
}

/** Answers aim to stay under this many characters. */
export const SOFT_LIMIT = 400;

/**
 * The words quoted for a picked sentence. A chronology entry is one dated event, so it is quoted whole
 * while it fits (its date comes first); a long one keeps its opening and its best sentences. An article
 * sentence brings the next one when both fit, since the detail asked for often follows the topic sentence.
 */
export function passage(picked: ScoredSentence, ranked: ScoredSentence[], year: number): string[] {
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
export function matchingEntry(picked: ScoredSentence, entries: Chunk[], weights: TermWeights, year: number): Chunk | undefined {
  const words = [...chunkFacts(picked.chunk, year).sentences[picked.index].terms];
  const covered = weights.coverageOf(words);
  let best: Chunk | undefined;
  let bestScore = 0;
  for (const entry of entries) {
    if (picked.chunk.date && !overlaps(picked.chunk.date, entry.date!)) continue;
    const score = covered(chunkFacts(entry, year).textTerms);
    if (score > bestScore) [best, bestScore] = [entry, score];
  }
  return bestScore >= (picked.chunk.date ? 0.3 : 0.45) ? best : undefined;
}

/** An entry's text without its leading date label. */
export function stripLabel(entry: Chunk): string {
  return entry.kind === "chronology" && entry.dateLabel && entry.text.startsWith(entry.dateLabel) ? entry.text.slice(entry.dateLabel.length).replace(/^\s*(?::|[-–—])\s*/, "") : entry.text;
}

/** The first sentence, cut at a word boundary to `limit` characters. */
export function firstWords(text: string, limit: number): string {
  const first = splitSentences(text)[0] ?? text;
  if (first.length <= limit) return first;
  return `${first.slice(0, first.lastIndexOf(" ", limit)).replace(/[,;:]$/, "")}…`;
}

// A passage shorter than this reads as a fragment (a bullet, a table row) that needs its heading.
const FRAGMENT_CHARS = 100;

/**
 * The heading a passage needs to be understood, when its text leaves it out: a bullet under
 * "## 3.0.0 (2023-11-07)" says what changed, the heading says in which release. Undefined otherwise.
 */
export function headingFor(chunk: Chunk): string | undefined {
  if (!chunk.section || chunk.text.includes(chunk.section)) return undefined;
  const datedByHeading = Boolean(chunk.dateLabel && chunk.section.includes(chunk.dateLabel) && !chunk.text.startsWith(chunk.dateLabel));
  return datedByHeading || chunk.text.length < FRAGMENT_CHARS ? chunk.section : undefined;
}

/** How a list names a timeline item: its heading when the heading dates it, else its date as written. */
export function itemLabel(chunk: Chunk): string {
  const heading = headingFor(chunk);
  return heading && chunk.dateLabel && heading.includes(chunk.dateLabel) ? heading : chunk.dateLabel ?? heading ?? "";
}
