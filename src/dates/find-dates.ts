import type { DateRange } from "../index/chunk.js";
import { daysInMonth, MONTH, monthNumber, monthRange, validDate, yearsRange } from "./calendar.js";

/**
 * How finely a mention pins down its days. Everything a year long or longer ("2019", "2022-23",
 * "the 1980s", "the 19th century") is "year": callers treat "year" as too coarse to steer retrieval by,
 * and longer spans are coarser still. Their range tells how long they are.
 */
export type DatePrecision = "day" | "month" | "season" | "year";

/** A date expression found in text, resolved to days. */
export interface DateMention {
  range: DateRange;
  precision: DatePrecision;
  /** The words matched, as written. */
  text: string;
  index: number;
  /**
   * Whether the words themselves give the year ("May 15, 2024", "2024", "the 1980s"); false when the year
   * was taken from `defaultYear` ("May 15", "Q3", "the first week of July").
   */
  explicitYear: boolean;
}

type Resolved = Omit<DateMention, "text" | "index">;
type Resolver = (m: RegExpExecArray, year: number) => Resolved | undefined;
/**
 * A pattern, how to resolve its matches, and optionally a cheap test the lower-cased text must pass for
 * the pattern to be tried at all: findDates runs on every sentence of the corpus.
 */
type Pattern = [RegExp, Resolver, RegExp?];

const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:,?\s*(\d{4}))?`;
const DASH = String.raw`\s*(?:-|–|—|to|through|until|and)\s*`;
const PART = String.raw`(?:(early|mid|late)[\s-]+)`;
const SEASONS: Record<string, [number, number]> = {
  spring: [3, 5], summer: [6, 8], autumn: [9, 11], fall: [9, 11], winter: [12, 2],
};
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
};
const CENTURY_WORDS = [
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
  "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first",
];

/** Patterns from the most specific to the least; each span of text is claimed by the first that matches it. */
const PATTERNS: Pattern[] = [
  // 2024-07-24, 2024/07/24
  [/\b(\d{4})([-/])(\d{2})\2(\d{2})\b/g, (m) => day(+m[1], +m[3], +m[4], +m[4], true)],
  // July 28-Aug. 7, 2024
  [new RegExp(String.raw`\b(${MONTH})\s*${DAY}${DASH}(${MONTH})\s*${DAY}${YEAR}`, "gi"), (m, y) => {
    const year = m[5] ? +m[5] : y;
    const start = validDate(year, monthNumber(m[1])!, +m[2]);
    const end = validDate(year, monthNumber(m[3])!, +m[4]);
    return start && end && start <= end ? { range: { start, end }, precision: "day", explicitYear: !!m[5] } : undefined;
  }],
  // May 16-17, 2024 / Sept. 16 and 20
  [new RegExp(String.raw`\b(${MONTH})\s*${DAY}${DASH}${DAY}\b${YEAR}`, "gi"), (m, y) =>
    day(m[4] ? +m[4] : y, monthNumber(m[1])!, +m[2], +m[3], !!m[4])],
  // July 24, 2024 / Sept.10
  [new RegExp(String.raw`\b(${MONTH})\s*${DAY}\b${YEAR}`, "gi"), (m, y) =>
    day(m[3] ? +m[3] : y, monthNumber(m[1])!, +m[2], +m[2], !!m[3])],
  // 24 July 2024, 12 Jan 2025
  [new RegExp(String.raw`\b${DAY}\s+(?:of\s+)?(${MONTH})${YEAR}`, "gi"), (m, y) =>
    day(m[3] ? +m[3] : y, monthNumber(m[2])!, +m[1], +m[1], !!m[3])],
  // the first week of July, the last week of March, the second week of May 2024
  [new RegExp(String.raw`\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last|final)\s+week\s+(?:of|in)\s+(${MONTH})(?:,?\s+(?:of\s+)?(\d{4}))?\b`, "gi"), (m, y) => {
    const year = m[3] ? +m[3] : y;
    const month = monthNumber(m[2])!;
    const last = daysInMonth(year, month);
    const n = ORDINALS[m[1].toLowerCase()];
    const from = n ? (n - 1) * 7 + 1 : last - 6;
    return from > last ? undefined : { range: monthRange(year, month, from, from + 6), precision: "month", explicitYear: !!m[3] };
  }, /week/],
  // early/mid/late July 2024, July 2024, "in may"
  [new RegExp(String.raw`\b(?:(early|mid|middle of|late|end of|beginning of)[\s-]+)?(${MONTH})(?:\s+(?:of\s+)?(\d{4}))?\b`, "gi"), (m, y) => {
    const month = monthNumber(m[2])!;
    const year = m[3] ? +m[3] : y;
    const explicitYear = !!m[3];
    const part = (m[1] ?? "").toLowerCase();
    if (part === "early" || part === "beginning of") return { range: monthRange(year, month, 1, 10), precision: "month", explicitYear };
    if (part === "mid" || part === "middle of") return { range: monthRange(year, month, 11, 20), precision: "month", explicitYear };
    if (part === "late" || part === "end of") return { range: monthRange(year, month, 21), precision: "month", explicitYear };
    return { range: monthRange(year, month), precision: "month", explicitYear };
  }],
  // the autumn of 2024
  [/\b(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(\d{4}))?\b/gi, (m, y) => {
    const [from, to] = SEASONS[m[1].toLowerCase()];
    const year = m[2] ? +m[2] : y;
    // Winter runs from December into the next year's February.
    const start = monthRange(year, from).start;
    const end = monthRange(from === 12 ? year + 1 : year, to).end;
    return { range: { start, end }, precision: "season", explicitYear: !!m[2] };
  }],
  // first half of 2024, H2 2024
  [/\b(?:(first|second|1st|2nd)\s+half\s+of\s+|H([12])\s*)(\d{4})\b/gi, (m) => {
    const first = m[2] ? m[2] === "1" : /^(first|1st)$/i.test(m[1]);
    const year = +m[3];
    return { range: { start: monthRange(year, first ? 1 : 7).start, end: monthRange(year, first ? 6 : 12).end }, precision: "season", explicitYear: true };
  }, /half|h[12]/],
  // Q3 2024, Q3 of 2024, 2024 Q3, and Q3 alone (but not "Q1:", a numbered question)
  [/\b(?:Q([1-4])(?:\s*(?:of\s+|[-/]\s*)?(\d{4})\b|\b(?!\s*:))|(\d{4})[\s-]Q([1-4])\b)/gi, (m, y) =>
    quarter(+(m[1] ?? m[4]), m[2] ?? m[3], y)],
  // the third quarter of 2023, 3rd quarter; not "the first quarter of the century"
  [/\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b(?!\s+of\s+(?:the|a|an|this|that)\b(?!\s+year\b))(?:\s+(?:of\s+)?(\d{4}))?/gi, (m, y) =>
    quarter(ORDINALS[m[1].toLowerCase()], m[2], y), /quarter/],
  // the 1980s, the early 1990s, the '80s, mid-'90s; "the 1800s" is a century
  [/(?:\b(early|mid|late)[\s-]+)?(?:\b(1\d\d0|20\d0)|(?<![\w'’])['’](\d)0)['’]?s\b/gi, (m, y) => {
    // "'80s" is the latest such decade not after the default year: '20s is the 2020s in 2024, '80s the 1980s.
    const start = m[2] ? +m[2] : 2000 + 10 * +m[3] <= y ? 2000 + 10 * +m[3] : 1900 + 10 * +m[3];
    const length: 10 | 100 = m[2] && start % 100 === 0 && start < 2000 ? 100 : 10;
    return { range: partOf(start, length, m[1]), precision: "year", explicitYear: true };
  }, /0['’]?s/],
  // the 19th century, the early 20th century, the twenty-first century
  [new RegExp(String.raw`\b${PART}?(\d{1,2}(?:st|nd|rd|th)|${CENTURY_WORDS.join("|")})[\s-]+century\b`, "gi"), (m) => {
    const word = m[2].toLowerCase();
    const spelled = CENTURY_WORDS.indexOf(word) + 1;
    // A spelled ordinal needs "the" before it: "a second century of service" names no century.
    if (spelled && !/\bthe\s+$/i.test(m.input.slice(0, m.index))) return undefined;
    const n = spelled || parseInt(word, 10);
    if (n < 1) return undefined;
    // As people use it, the 19th century is the 1800s.
    return { range: partOf((n - 1) * 100, 100, m[1]), precision: "year", explicitYear: true };
  }, /century/],
  // 2022-2023, 2022–23, 2022/23, and ISO months 2024-03
  [/\b((?:19|20)\d{2})(?:\s*([–—])\s*|([-/])|\s+-\s+(?=\d{4}\b))(\d{4}|\d{2})\b(?![-–/]\d)/g, (m) => yearsOrMonth(+m[1], m[4], !!m[2])],
  // early 2024, mid-2024, late 2023
  [/\b(early|mid|late)[\s-]+((?:19|20)\d{2})\b(?!['’]?s\b)/gi, (m) => {
    const year = +m[2];
    const [from, to] = ({ early: [1, 4], mid: [5, 8], late: [9, 12] } as Record<string, [number, number]>)[m[1].toLowerCase()];
    return { range: { start: monthRange(year, from).start, end: monthRange(year, to).end }, precision: "season", explicitYear: true };
  }, /(?:early|mid|late)[\s-]+\d/],
  // 2019
  [/\b(19\d{2}|20\d{2})\b/g, (m) => ({ range: yearsRange(+m[1]), precision: "year", explicitYear: true })],
];

// "may" and "march" are also ordinary words: only read them as months with a number or a time word nearby.
const AMBIGUOUS_MONTH = /^(may|march)$/i;
const TIME_CONTEXT = /\b(in|during|of|since|until|by|before|after|early|mid|late|from|between|through|and|to)\s*$/i;

function day(year: number, month: number, from: number, to: number, explicitYear: boolean): Resolved | undefined {
  const start = validDate(year, month, from);
  const end = validDate(year, month, to);
  return start && end && start <= end ? { range: { start, end }, precision: "day", explicitYear } : undefined;
}

function quarter(q: number, year: string | undefined, defaultYear: number): Resolved {
  const y = year ? +year : defaultYear;
  return { range: { start: monthRange(y, q * 3 - 2).start, end: monthRange(y, q * 3).end }, precision: "season", explicitYear: !!year };
}

/** The years of a decade or century, or its early, mid or late part (roughly its first, middle and last third). */
function partOf(start: number, length: 10 | 100, part: string | undefined): DateRange {
  const [early, mid] = length === 10 ? [3, 6] : [32, 66];
  const [from, to] = ({ early: [0, early], mid: [early + 1, mid], late: [mid + 1, length - 1] } as Record<string, [number, number]>)[part?.toLowerCase() ?? ""] ?? [0, length - 1];
  // The first century has no year 0.
  return yearsRange(Math.max(1, start + from), start + to);
}

/**
 * "2022-2023" and "2022–23" are spans of years; "2024-03" is a month. A hyphenated pair is read as a month
 * only when it cannot be the usual "this year and the next" ("2011-12" is a season, "2024-03" is March).
 */
function yearsOrMonth(start: number, second: string, dash: boolean): Resolved | undefined {
  const n = +second;
  if (second.length === 2 && !dash && n >= 1 && n <= 12 && n !== (start + 1) % 100) {
    return { range: monthRange(start, n), precision: "month", explicitYear: true };
  }
  let end = second.length === 4 ? n : start - (start % 100) + n;
  if (second.length === 2 && end <= start) end += 100;
  // A long two-digit span ("2024-99") is more likely a code than a period.
  const longest = second.length === 4 ? 100 : 30;
  return end > start && end - start <= longest ? { range: yearsRange(start, end), precision: "year", explicitYear: true } : undefined;
}

/**
 * Every date expression in `text`, in order of appearance. A mention without a year takes `defaultYear`.
 * Overlapping candidates are resolved in favour of the more specific pattern ("July 28-Aug. 7" over "July").
 */
export function findDates(text: string, defaultYear: number): DateMention[] {
  const claimed = new Uint8Array(text.length);
  const found: DateMention[] = [];
  const lower = text.toLowerCase();
  for (const [pattern, resolve, hint] of PATTERNS) {
    if (hint && !hint.test(lower)) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const span = m[0].replace(/[\s,]+$/, "");
      const end = m.index + span.length;
      if (isClaimed(claimed, m.index, end)) continue;
      if (isBareAmbiguousMonth(m, text)) continue;
      const resolved = resolve(m, defaultYear);
      if (!resolved) continue;
      claimed.fill(1, m.index, end);
      found.push({ ...resolved, text: span, index: m.index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function isClaimed(claimed: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (claimed[i]) return true;
  return false;
}

function isBareAmbiguousMonth(m: RegExpExecArray, text: string): boolean {
  const words = m[0].trim().split(/\s+/);
  if (words.length !== 1 || !AMBIGUOUS_MONTH.test(words[0])) return false;
  const before = text.slice(0, m.index);
  // Capitalized inside a sentence ("his May trip") it is the month; at a sentence start it may be the verb.
  const midSentence = /^[A-Z]/.test(words[0]) && /[\p{L}\p{N},]\s*$/u.test(before);
  return !midSentence && !TIME_CONTEXT.test(before);
}
