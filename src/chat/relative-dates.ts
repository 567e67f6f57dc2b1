import type { DateRange } from "../index/chunk.js";
import { daysInMonth, formatRange, isoDate, MONTH_NAMES } from "../dates/index.js";

/** The units relative dates count in. */
export type TimeUnit = "day" | "week" | "month" | "year";

/** A date given relative to something said before: "a month later", "the week before", "the next day". */
export interface RelativeDate {
  /** The words matched, with the preposition before them if any ("on the next day"). */
  text: string;
  index: number;
  /** Units from the anchor: positive is later, negative earlier, 0 the same. */
  offset: number;
  /** "span" is an open "after that" / "before that", read as the 30 days on that side. */
  unit: TimeUnit | "span";
}

/** A relative date resolved to days, with the words that say it in a standalone question. */
export interface ResolvedDate {
  range: DateRange;
  /** "on May 18, 2024", "during May 9-15, 2024", "in June 2024". */
  phrase: string;
}

const PREP = String.raw`(?:\b(?:on|in|during|at|for|over|within)\s+)?`;
const UNIT = String.raw`(day|week|month|year)s?`;
const COUNT_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, "a couple of": 2, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const LATER = /^(later|after|afterwards?|on|next|following|subsequent)$/i;
const SPAN_DAYS = 30;

type Reader = (m: RegExpExecArray) => Pick<RelativeDate, "offset" | "unit"> | undefined;

/** From the most specific pattern to the least; the first match in the text wins. */
const PATTERNS: Array<[RegExp, Reader]> = [
  [new RegExp(String.raw`${PREP}\b(?:the\s+)?same\s+${UNIT}\b`, "i"), (m) => ({ offset: 0, unit: unit(m[1]) })],
  [new RegExp(String.raw`${PREP}\bthe\s+(next|following|subsequent|previous|preceding|prior)\s+${UNIT}\b`, "i"), (m) =>
    ({ offset: LATER.test(m[1]) ? 1 : -1, unit: unit(m[2]) })],
  [new RegExp(String.raw`${PREP}\bthe\s+${UNIT}\s+(before|after|earlier|later)\b`, "i"), (m) =>
    ({ offset: LATER.test(m[2]) ? 1 : -1, unit: unit(m[1]) })],
  [new RegExp(String.raw`${PREP}\b(a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+${UNIT}\s+(later|after(?:wards?)?|on|earlier|before|prior)\b(?:\s+that\b)?`, "i"), (m) => {
    const count = COUNT_WORDS[m[1].toLowerCase()] ?? Number(m[1]);
    return count > 0 ? { offset: LATER.test(m[3]) ? count : -count, unit: unit(m[2]) } : undefined;
  }],
  [/\b(after|before)\s+(?:that|this|then)\b|\b(afterwards?|next)\s*(?=[?.!]?\s*$)/i, (m) =>
    ({ offset: /^before$/i.test(m[1] ?? "") ? -1 : 1, unit: "span" })],
];

function unit(word: string): TimeUnit {
  return word.toLowerCase() as TimeUnit;
}

/** The first relative date expression in `text`, if any. */
export function findRelativeDate(text: string): RelativeDate | undefined {
  const found: RelativeDate[] = [];
  for (const [pattern, read] of PATTERNS) {
    const m = pattern.exec(text);
    const value = m && read(m);
    if (m && value) found.push({ ...value, text: m[0].trim(), index: m.index + (m[0].length - m[0].trimStart().length) });
  }
  return found.sort((a, b) => a.index - b.index)[0];
}

/**
 * Resolves a relative date against the event it follows. Later dates count from the anchor's last day,
 * earlier ones from its first. Weeks become 7-day windows and months whole calendar months, because the
 * chronology rarely has an entry exactly a month to the day after another.
 */
export function resolveRelativeDate(relative: Pick<RelativeDate, "offset" | "unit">, anchor: DateRange): ResolvedDate {
  const { offset } = relative;
  const from = offset >= 0 ? anchor.end : anchor.start;
  switch (relative.unit) {
    case "day": {
      const day = offset === 0 ? anchor : { start: addDays(from, offset), end: addDays(from, offset) };
      return days(day);
    }
    case "week": {
      if (offset === 0) return days(anchor);
      const n = Math.abs(offset);
      return days(offset > 0
        ? { start: addDays(from, 7 * (n - 1) + 1), end: addDays(from, 7 * n) }
        : { start: addDays(from, -7 * n), end: addDays(from, -7 * (n - 1) - 1) });
    }
    case "month": {
      const [year, month] = from.split("-").map(Number);
      const index = year * 12 + (month - 1) + offset;
      const y = Math.floor(index / 12);
      const m = (index % 12) + 1;
      return { range: { start: isoDate(y, m, 1), end: isoDate(y, m, daysInMonth(y, m)) }, phrase: `in ${MONTH_NAMES[m - 1]} ${y}` };
    }
    case "year": {
      const y = Number(from.slice(0, 4)) + offset;
      return { range: { start: isoDate(y, 1, 1), end: isoDate(y, 12, 31) }, phrase: `in ${y}` };
    }
    case "span":
      return days(offset > 0
        ? { start: addDays(from, 1), end: addDays(from, SPAN_DAYS) }
        : { start: addDays(from, -SPAN_DAYS), end: addDays(from, -1) });
  }
}

function days(range: DateRange): ResolvedDate {
  return { range, phrase: `${range.start === range.end ? "on" : "during"} ${formatRange(range)}` };
}

/** The ISO date `n` days after `iso` (before, for negative `n`). */
export function addDays(iso: string, n: number): string {
  const date = new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000);
  return date.toISOString().slice(0, 10);
}
