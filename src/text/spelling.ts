import { normalizeTerm } from "./terms.js";

/** Corrects words a corpus never uses to the nearest word it does ("Celeron" for "Céloron", "Frensh" for "French"). */
export interface Spelling {
  /** The corpus's word for a misspelled one, as the corpus writes it in lower case; undefined when the word is known or nothing is near. */
  correct(word: string): string | undefined;
}

// Shorter words are left alone: one edit turns too many short words into other real words.
const MIN_LENGTH = 5;
const WORD = /\p{L}[\p{L}'’-]*\p{L}/gu;

/** Lower case with accents dropped: the form words are compared in. */
export function fold(word: string): string {
  return word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * Builds the corrector from the corpus's own words. A word is corrected only when the corpus lacks it
 * (under both its folded form and its index term) and exactly one edit away there is a word the corpus
 * uses (two edits for words of nine letters or more); among several, the most frequent wins.
 */
export function createSpelling(texts: Iterable<string>): Spelling {
  const counts = new Map<string, number>();
  const terms = new Set<string>();
  for (const text of texts) {
    for (const raw of text.match(WORD) ?? []) {
      const word = fold(raw);
      counts.set(word, (counts.get(word) ?? 0) + 1);
      const term = normalizeTerm(raw);
      if (term) terms.add(term);
    }
  }
  const byLength = new Map<number, string[]>();
  for (const word of counts.keys()) {
    if (word.length < MIN_LENGTH - 1) continue;
    const list = byLength.get(word.length) ?? [];
    list.push(word);
    byLength.set(word.length, list);
  }
  return {
    correct(raw) {
      const word = fold(raw);
      if (word.length < MIN_LENGTH || counts.has(word) || !/^\p{L}+$/u.test(word)) return undefined;
      const term = normalizeTerm(raw);
      if (!term || terms.has(term)) return undefined;
      const limit = word.length >= 9 ? 2 : 1;
      let best: string | undefined;
      let bestDistance = limit + 1;
      for (let length = word.length - limit; length <= word.length + limit; length++) {
        for (const candidate of byLength.get(length) ?? []) {
          const distance = editDistance(word, candidate, limit);
          if (distance < bestDistance || (distance === bestDistance && best && counts.get(candidate)! > counts.get(best)!)) {
            best = candidate;
            bestDistance = distance;
          }
        }
      }
      return bestDistance <= limit ? best : undefined;
    },
  };
}

/** Optimal string alignment distance (edits, with adjacent swaps counting one), or limit + 1 once it exceeds limit. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
