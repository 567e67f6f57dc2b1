import { findDates } from "../dates/index.js";
import { normalizeTerm } from "../text/terms.js";

const NUMBER_WORD = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|dozens|hundreds|thousands|millions";
// A figure ("90,000", "$240", "46%", "1.5") or a number word ("Thirty-six", "eighteen"), then up to four words.
const QUANTITY = new RegExp(String.raw`(?<![\p{L}\d-])([$¥€£]?\d[\d,.]*%?|(?:${NUMBER_WORD})(?:-(?:${NUMBER_WORD}))?)(?![\p{L}\d])((?:[\s\-“”"‘’]+[\p{L}’'/-]+){0,4})`, "giu");
const ORDINAL_OR_NAME = /^\d+(st|nd|rd|th)$/i;

/** A number stated in a sentence, with the words after it ("90,000" + "troops"). */
export interface Quantity {
  value: string;
  /** Index terms of the up to four words that follow the number (stopwords as written). */
  following: string[];
}

/**
 * The quantities a sentence states: numbers that are not part of a date ("Aug. 21", "2024"), not
 * ordinals ("8th") and not inside a name ("G7", "Tu-95").
 */
export function quantities(sentence: string, year: number): Quantity[] {
  const withoutDates = findDates(sentence, year).reduceRight((rest, d) => rest.slice(0, d.index) + " ".repeat(d.text.length) + rest.slice(d.index + d.text.length), sentence);
  const found: Quantity[] = [];
  for (const m of withoutDates.matchAll(QUANTITY)) {
    if (ORDINAL_OR_NAME.test(m[1])) continue;
    const following = (m[2] ?? "").split(/[\s\-“”"‘’]+/).filter(Boolean).map((word) => normalizeTerm(word) ?? word.toLowerCase());
    found.push({ value: m[1], following });
  }
  return found;
}

/**
 * Whether a quantity is the count of the thing asked about, said directly: "36 countries", "Fifteen
 * friendly nations" (the noun at most one word after the number), not "a five-hour joint patrol".
 */
export function countsDirectly(found: Quantity[], noun: string | undefined): boolean {
  const head = noun?.trim().split(/\s+/).at(-1);
  const term = head && normalizeTerm(head);
  return Boolean(term) && found.some((q) => q.following.slice(0, 2).includes(term!));
}
