import { stemmer } from "stemmer";
import { eng } from "stopword";

const STOPWORDS = new Set([...eng, "did", "does", "happened", "happen", "took", "place", "according", "chronology", "corpus"]);

// Words, and numbers written with thousands separators or decimals ("90,000", "2.5").
const WORD = /[\p{L}\p{N}]+(?:[.,]\p{N}+)*/gu;

/** The words of a text, as written. */
export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * The index form of one word, or null for a stopword: lower case, accents and possessives dropped,
 * digits kept whole without separators, English words stemmed. An all-capitals acronym ("US", "UN")
 * is never a stopword, even when its lower-case form is one.
 */
export function normalizeTerm(word: string): string | null {
  const acronym = word.length >= 2 && word === word.toUpperCase() && /\p{Lu}/u.test(word);
  const lower = word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/['’]s$/, "");
  if (/^\p{N}[\p{N}.,]*$/u.test(lower)) return lower.replace(/,/g, "");
  if (!acronym && STOPWORDS.has(lower)) return null;
  if (lower.length < 2 && !acronym) return null;
  return acronym ? lower : stemmer(lower);
}

/** Index terms of a text, in order, stopwords removed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of tokenize(text)) {
    const term = normalizeTerm(word);
    if (term) out.push(term);
  }
  return out;
}
