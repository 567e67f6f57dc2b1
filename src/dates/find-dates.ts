import type { DateRange } from "../index/chunk.js";
import { MONTH, monthNumber, monthRange, validDate } from "./calendar.js";

/** How finely a mention pins down its days. */
export type DatePrecision = "day" | "month" | "season" | "year";

/** A date expression found in text, resolved to days. */
export interface DateMention {
  range: DateRange;
  precision: DatePrecision;
  /** The words matched, as written. */
  text: string;
  index: number;
}

const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:,?\s*(\d{4}))?`;
const DASH = String.raw`\s*(?:-|–|—|to|through|until|and)\s*`;
const SEASONS: Record<string, [number, number]> = {
  spring: [3, 5], summer: [6, 8], autumn: [9, 11], fall: [9, 11], winter: [12, 2],
};

type Resolver = (m: RegExpExecArray, year: number) => Omit<DateMention, "text" | "index"> | undefined;

/** Patterns from the most specific to the least; each span of text is claimed by the first that matches it. */
const PATTERNS: Array<[RegExp, Resolver]> = [
  // 2024-07-24
  [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => day(+m[1], +m[2], +m[3], +m[3])],
  // July 28-Aug. 7, 2024
  [new RegExp(String.raw`\b(${MONTH})\s*${DAY}${DASH}(${MONTH})\s*${DAY}${YEAR}`, "gi"), (m, y) => {
    const year = m[5] ? +m[5] : y;
    const start = validDate(year, monthNumber(m[1])!, +m[2]);
    const end = validDate(year, monthNumber(m[3])!, +m[4]);
    return start && end && start <= end ? { range: { start, end }, precision: "day" } : undefined;
  }],
  // May 16-17, 2024 / Sept. 16 and 20
  [new RegExp(String.raw`\b(${MONTH})\s*${DAY}${DASH}${DAY}\b${YEAR}`, "gi"), (m, y) =>
    day(m[4] ? +m[4] : y, monthNumber(m[1])!, +m[2], +m[3])],
  // July 24, 2024 / Sept.10
  [new RegExp(String.raw`\b(${MONTH})\s*${DAY}\b${YEAR}`, "gi"), (m, y) =>
    day(m[3] ? +m[3] : y, monthNumber(m[1])!, +m[2], +m[2])],
  // 24 July 2024
  [new RegExp(String.raw`\b${DAY}\s+(?:of\s+)?(${MONTH})${YEAR}`, "gi"), (m, y) =>
    day(m[3] ? +m[3] : y, monthNumber(m[2])!, +m[1], +m[1])],
  // early/mid/late July 2024, July 2024, "in may"
  [new RegExp(String.raw`\b(?:(early|mid|middle of|late|end of|beginning of)[\s-]+)?(${MONTH})(?:\s+(?:of\s+)?(\d{4}))?\b`, "gi"), (m, y) => {
    const month = monthNumber(m[2])!;
    const year = m[3] ? +m[3] : y;
    const part = (m[1] ?? "").toLowerCase();
    if (part === "early" || part === "beginning of") return { range: monthRange(year, month, 1, 10), precision: "month" };
    if (part === "mid" || part === "middle of") return { range: monthRange(year, month, 11, 20), precision: "month" };
    if (part === "late" || part === "end of") return { range: monthRange(year, month, 21), precision: "month" };
    return { range: monthRange(year, month), precision: "month" };
  }],
  // the autumn of 2024
  [/\b(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(\d{4}))?\b/gi, (m, y) => {
    const [from, to] = SEASONS[m[1].toLowerCase()];
    const year = m[2] ? +m[2] : y;
    // Winter runs from December into the next year's February.
    const start = monthRange(year, from).start;
    const end = monthRange(from === 12 ? year + 1 : year, to).end;
    return { range: { start, end }, precision: "season" };
  }],
  // first half of 2024, Q3 2024
  [/\b(first|second|1st|2nd)\s+half\s+of\s+(\d{4})\b/gi, (m) => {
    const first = /^(first|1st)$/i.test(m[1]);
    const year = +m[2];
    return { range: { start: monthRange(year, first ? 1 : 7).start, end: monthRange(year, first ? 6 : 12).end }, precision: "season" };
  }],
  [/\bQ([1-4])\s+(\d{4})\b/gi, (m) => {
    const q = +m[1];
    const year = +m[2];
    return { range: { start: monthRange(year, q * 3 - 2).start, end: monthRange(year, q * 3).end }, precision: "season" };
  }],
  // 2019
  [/\b(19\d{2}|20\d{2})\b/g, (m) => ({ range: { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` }, precision: "year" })],
];

// "may" and "march" are also ordinary words: only read them as months with a number or a time word nearby.
const AMBIGUOUS_MONTH = /^(may|march)$/i;
const TIME_CONTEXT = /\b(in|during|of|since|until|by|before|after|early|mid|late|from|between|through|and|to)\s*$/i;

function day(year: number, month: number, from: number, to: number) {
  const start = validDate(year, month, from);
  const end = validDate(year, month, to);
  return start && end && start <= end ? { range: { start, end }, precision: "day" as const } : undefined;
}

/**
 * Every date expression in `text`, in order of appearance. A mention without a year takes `defaultYear`.
 * Overlapping candidates are resolved in favour of the more specific pattern ("July 28-Aug. 7" over "July").
 */
export function findDates(text: string, defaultYear: number): DateMention[] {
  const claimed: boolean[] = new Array(text.length).fill(false);
  const found: DateMention[] = [];
  for (const [pattern, resolve] of PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const span = m[0].replace(/[\s,]+$/, "");
      const end = m.index + span.length;
      if (claimed.slice(m.index, end).some(Boolean)) continue;
      if (isBareAmbiguousMonth(m, text)) continue;
      const resolved = resolve(m, defaultYear);
      if (!resolved) continue;
      claimed.fill(true, m.index, end);
      found.push({ ...resolved, text: span, index: m.index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function isBareAmbiguousMonth(m: RegExpExecArray, text: string): boolean {
  const words = m[0].trim().split(/\s+/);
  if (words.length !== 1 || !AMBIGUOUS_MONTH.test(words[0])) return false;
  const before = text.slice(0, m.index);
  // Capitalized inside a sentence ("his May trip") it is the month; at a sentence start it may be the verb.
  const midSentence = /^[A-Z]/.test(words[0]) && /[\p{L}\p{N},]\s*$/u.test(before);
  return !midSentence && !TIME_CONTEXT.test(before);
}
