import { eng } from "stopword";
import { findDates } from "../dates/index.js";

// Capitalized words that start sentences or commands rather than name anything.
const NOT_NAMES = new Set([
  ...eng,
  "tell", "show", "list", "give", "name", "describe", "explain", "compare", "summarize", "summarise", "please",
  "ok", "okay", "thanks", "thank", "yes", "no", "also", "then", "so", "now", "else", "more", "again",
  "who", "whom", "whose", "what", "when", "where", "which", "why", "how", "did", "does", "was", "were", "is", "are",
  "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "first", "second", "third", "fourth", "fifth", "last", "next", "previous", "same", "both", "each", "every",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
]);
// Lower-case words allowed inside a name: "Sea of Japan", "Peter the Great Bay", "Friends of Peace".
const CONNECTORS = new Set(["of", "the", "de", "la", "du", "von", "van", "al"]);
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’\-/.]*/gu;
const QUOTED = /[“"]([^”"\n]{2,80})[”"]/g;

interface Token {
  word: string;
  start: number;
  end: number;
}

/**
 * Named things a text mentions, in order: quoted terms ("Expo 2023") and runs of capitalized words
 * ("Wang Yi", "Sea of Japan", "SCO", "H-6N"). Dates are left out: `findDates` reads those.
 * Question words and other capitalized function words ("What", "Did", "Tell") are not names.
 */
export function findEntities(text: string, year: number): string[] {
  const found: string[] = [];
  let masked = text;
  const mask = (start: number, end: number) => {
    masked = masked.slice(0, start) + "\u0000".repeat(end - start) + masked.slice(end);
  };
  for (const m of text.matchAll(QUOTED)) {
    found.push(m[1].trim());
    mask(m.index, m.index + m[0].length);
  }
  // A bare year stays: it may belong to a name ("Expo 2023"), and alone it is no name (it has no capital).
  for (const mention of findDates(masked, year)) {
    if (mention.precision !== "year") mask(mention.index, mention.index + mention.text.length);
  }

  const tokens: Token[] = [];
  for (const m of masked.matchAll(TOKEN)) {
    const word = clean(m[0]);
    if (word) tokens.push({ word, start: m.index, end: m.index + word.length });
  }
  const spaced = (a: Token, b: Token) => /^ {1,2}$/.test(masked.slice(a.end, b.start));

  for (let i = 0; i < tokens.length; i++) {
    if (!isName(tokens[i].word)) continue;
    let last = i;
    for (let j = i + 1; j < tokens.length; j++) {
      if (!spaced(tokens[j - 1], tokens[j])) break;
      if (isName(tokens[j].word)) {
        last = j;
      } else if (/^\d{4}$/.test(tokens[j].word) && j === last + 1) {
        // "Expo 2023", "Harbour Week 2023": a year right after a name is part of it.
        last = j;
        break;
      } else if (!CONNECTORS.has(tokens[j].word.toLowerCase())) {
        break;
      }
    }
    found.push(text.slice(tokens[i].start, tokens[last].end));
    i = last;
  }
  return distinct(found);
}

/** A word without the sentence's trailing period or a possessive ending ("Okafor's" reads "Okafor"). */
function clean(word: string): string {
  let w = word.replace(/['’]s$/i, "").replace(/['’]$/, "");
  // Keep the periods of abbreviations ("U.S.", "Sept."), drop a sentence's final one.
  if (w.endsWith(".") && !/\..*\./.test(w) && w.length > 2) w = w.slice(0, -1);
  return w.replace(/[-/]+$/, "");
}

function isName(word: string): boolean {
  if (!/^\p{Lu}/u.test(word)) return false;
  // An acronym stays a name even when its lower-case form is a common word ("US", "IT").
  if (word.length >= 2 && word === word.toUpperCase()) return true;
  return !NOT_NAMES.has(word.toLowerCase());
}

/** Each name once, case-insensitively; a name inside a longer one ("Wang" in "Wang Yi") is dropped. */
function distinct(names: string[]): string[] {
  const lower = names.map((name) => name.toLowerCase());
  return names.filter((name, i) => {
    if (lower.indexOf(lower[i]) !== i) return false;
    return !lower.some((other, j) => j !== i && other.length > lower[i].length && containsWord(other, lower[i]));
  });
}

/** Whether `phrase` occurs in `text` as whole words. */
export function containsWord(text: string, phrase: string): boolean {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu").test(text);
}
