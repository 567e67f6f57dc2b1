import { findDates } from "../dates/index.js";
import { normalizeTerm } from "../text/terms.js";

const NUMBER_WORD = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|dozens|hundreds|thousands|millions";
// A figure ("90,000", "$240", "46%", "1.5") or a number word ("Thirty-six", "eighteen"), then up to four words.
const QUANTITY = new RegExp(String.raw`(?<![\p{L}\d-])([$¥€£]?\d[\d,.]*%?|(?:${NUMBER_WORD})(?:-(?:${NUMBER_WORD}))?)(?![\p{L}\d])((?:[\s\-“”"‘’]+[\p{L}’'/-]+){0,4})`, "giu");
const ORDINAL_OR_NAME = /^\d+(st|nd|rd|th)$/i;

const QUANTITY_NOUNS = "trade|gdp|population|budget|output|exports?|imports?|revenue|turnover|spending|price|cost|value|size|volume|capacity|share|range|duration|length";
const NUMERIC_QUESTION = new RegExp(String.raw`\bhow (many|much|large|big|long|far|often|old)\b|\bwhat age\b|\bwhat (percentage|share|proportion|number|amount|size|portion)\b|\bwhat (was|is|were|are) (the )?([\w-]+ ){0,3}(${QUANTITY_NOUNS})\b`, "i");

/** Questions whose answer is a quantity. */
export function isNumericQuestion(text: string): boolean {
  return NUMERIC_QUESTION.test(text);
}

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

/** Whether some quantity counts the thing asked about: "36 countries" for "how many countries". */
export function countsNoun(found: Quantity[], noun: string | undefined): boolean {
  const head = noun?.trim().split(/\s+/).at(-1);
  const term = head && normalizeTerm(head);
  return Boolean(term) && found.some((q) => q.following.includes(term!));
}

const MONEY_QUESTION = /\bhow much\b.*\b(cost|costs|spend|spent|invest|invested|investment|worth|pay|paid|price|budget|fund|funding)\b|\b(cost|price|value|worth)\b.*\?$/i;
const CURRENCY = new Set(["dollar", "yuan", "rubl", "ruble", "euro", "usd", "rmb"]);

/** Questions asking for an amount of money: only a sum of money answers them. */
export function isMoneyQuestion(text: string): boolean {
  return MONEY_QUESTION.test(text);
}

/** Whether a quantity is a sum of money: "$240 billion", "¥1.4 trillion", "700 billion yuan". */
export function isMoney(quantity: Quantity): boolean {
  return /^[$¥€£]/.test(quantity.value) || quantity.following.some((word) => CURRENCY.has(word));
}

// Words that name a measure, not what is measured: "the total value of trade" measures trade.
const MEASURE_WORDS = new Set(["total", "overall", "annual", "yearly", "combined", "average", "current", "latest", "exact",
  "approximate", "estimated", "value", "size", "volume", "amount", "number", "level", "figure", "sum", "count", "range", "share"]);

/** Whether a word names a measure rather than the thing measured. */
export function isMeasureWord(word: string): boolean {
  return MEASURE_WORDS.has(word.toLowerCase());
}
