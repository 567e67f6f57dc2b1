import type { DateRange } from "../index/chunk.js";
import { addDays, OPEN_END, OPEN_START } from "./calendar.js";
import { findDates, type DateMention, type DatePrecision } from "./find-dates.js";

/** How a question's period relates to the date it names: "in June", "before June", "after June", "between June and August". */
export type PeriodRelation = "in" | "before" | "after" | "between";

/** A period a question asks about, resolved to days. Open ends are OPEN_START and OPEN_END. */
export interface PeriodMention {
  /** The days asked about: "before June" runs from OPEN_START to May 31. */
  range: DateRange;
  /** The words read, from the relation word to the end of the date ("before June", "between 1980 and 1990"). */
  text: string;
  index: number;
  /** Precision of the date named; for "between", the coarser of the two. */
  precision: DatePrecision;
  relation: PeriodRelation;
  /** Whether the text gives the year (for "between", either end does: "between June and August 2023"). */
  explicitYear: boolean;
}

/** Words before a date that bound the period, most specific first ("no later than" before "later than"). */
const LEADS: Array<[RegExp, PeriodRelation, "exclusive" | "inclusive"]> = [
  [/\b(?:no|not)\s+later\s+than\s+(?:the\s+)?$/i, "before", "inclusive"],
  [/\b(?:through|thru|up\s+to\s+and\s+including)\s+(?:the\s+)?$/i, "before", "inclusive"],
  [/\b(?:before|until|till|til|by|prior\s+to|ahead\s+of|earlier\s+than|preceding|up\s+to)\s+(?:the\s+)?$|\bpre-$/i, "before", "exclusive"],
  [/\b(?:since|from|starting(?:\s+(?:in|from|on))?|beginning(?:\s+(?:in|from|on))?|as\s+of|not\s+before)\s+(?:the\s+)?$/i, "after", "inclusive"],
  [/\b(?:after|later\s+than|following)\s+(?:the\s+)?$|\bpost-$/i, "after", "exclusive"],
  [/\b(?:in|during|on|throughout|within|over|for|of|at)\s+(?:the\s+)?$/i, "in", "inclusive"],
];
/** Words after a date that open or close it: "from June on", "2020 and later", "2019 or earlier". */
const AFTER_TAIL = /^\s+(?:on(?:wards?)?|forwards?|and\s+(?:later|after|beyond)|or\s+later)\b/i;
const BEFORE_TAIL = /^\s+(?:and|or)\s+(?:earlier|before)\b/i;
const OPENER = /\b(between|from)\s+(?:the\s+)?$/i;
/** What joins the two ends after each opener; with no opener, "June to August" still names both ends. */
const JOIN: Record<string, RegExp> = {
  between: /^\s*(?:and|to|-|–)\s*(?:the\s+)?$/i,
  from: /^\s*(?:to|until|till|through|thru|-|–)\s*(?:the\s+)?$/i,
  "": /^\s*(?:to|through|thru|–)\s*(?:the\s+)?$/i,
};
// A mention that already holds both ends: "July 20 and July 31", "May 3-9", "2022-23" (not the ISO "2024-03").
const BOTH_ENDS = /\d\s*[-–—/]\s*\w|\b(?:and|to|through|until)\b/i;
const ISO = /^\d{4}-\d{2}(?:-\d{2})?$/;
const COARSENESS: DatePrecision[] = ["day", "month", "season", "year"];
// Relation words are looked for this far back from a date.
const LOOKBEHIND = 40;

/**
 * The periods a question asks about: every date it names, with how the question bounds it. `defaultYear`
 * fills in dates written without a year, as in findDates; in "between June and August 2023" June takes
 * August's year. A caller that has found the text's dates already passes them as `dates`.
 */
export function findPeriods(text: string, defaultYear: number, dates: DateMention[] = findDates(text, defaultYear)): PeriodMention[] {
  const periods: PeriodMention[] = [];
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i];
    const next = dates[i + 1];
    const before = text.slice(Math.max(0, date.index - LOOKBEHIND), date.index);
    const opener = OPENER.exec(before);
    const start = opener ? date.index - before.length + opener.index : date.index;
    // Only "between", "from", "in" or no word at all may open a span: "before June to August" is no span.
    const bound = LEADS.find(([pattern]) => pattern.test(before))?.[1];
    const lead = opener ? opener[1].toLowerCase() : bound === undefined || bound === "in" ? "" : undefined;
    if (lead !== undefined && next && JOIN[lead].test(text.slice(date.index + date.text.length, next.index))) {
      periods.push(between(text, date, next, start));
      i++;
    } else if (opener && BOTH_ENDS.test(date.text) && !ISO.test(date.text)) {
      periods.push(period(date, "between", text.slice(start, date.index + date.text.length), start));
    } else {
      periods.push(bounded(text, date, before));
    }
  }
  return periods;
}

/** A single date with what bounds it: the words before it ("before", "since") or after it ("on", "or earlier"). */
function bounded(text: string, date: DateMention, before: string): PeriodMention {
  const end = date.index + date.text.length;
  const rest = text.slice(end);
  const lead = LEADS.find(([pattern]) => pattern.test(before));
  const from = lead ? date.index - before.length + lead[0].exec(before)!.index : date.index;
  const afterTail = AFTER_TAIL.exec(rest);
  const beforeTail = BEFORE_TAIL.exec(rest);
  if (afterTail || beforeTail) {
    // The words after the date bound it; a leading "in" or "of" is no part of the period ("of 2019 or earlier").
    const tailFrom = lead && lead[1] !== "in" ? from : date.index;
    const words = text.slice(tailFrom, end + (afterTail ?? beforeTail)![0].length);
    return afterTail
      ? { ...period(date, "after", words, tailFrom), range: { start: date.range.start, end: OPEN_END } }
      : { ...period(date, "before", words, tailFrom), range: { start: OPEN_START, end: date.range.end } };
  }
  if (!lead) return period(date, "in", date.text, date.index);
  const [, relation, bound] = lead;
  const words = text.slice(from, end);
  if (relation === "before") {
    const last = bound === "inclusive" ? date.range.end : addDays(date.range.start, -1);
    return { ...period(date, "before", words, from), range: { start: OPEN_START, end: last } };
  }
  if (relation === "after") {
    const first = bound === "inclusive" ? date.range.start : addDays(date.range.end, 1);
    return { ...period(date, "after", words, from), range: { start: first, end: OPEN_END } };
  }
  return period(date, "in", words, from);
}

function period(date: DateMention, relation: PeriodRelation, text: string, index: number): PeriodMention {
  return { range: date.range, text, index, precision: date.precision, relation, explicitYear: date.explicitYear };
}

/** "between June and August 2023": a yearless end takes the other end's year; "November to February" runs into the next year. */
function between(text: string, first: DateMention, second: DateMention, index: number): PeriodMention {
  let a = first;
  let b = second;
  if (!a.explicitYear && b.explicitYear) a = inYear(text, a, year(b.range.end)) ?? a;
  if (!b.explicitYear && a.explicitYear) b = inYear(text, b, year(a.range.start)) ?? b;
  if (!b.explicitYear && b.range.end < a.range.start) b = inYear(text, b, year(b.range.start) + 1) ?? b;
  const precision = COARSENESS[Math.max(COARSENESS.indexOf(a.precision), COARSENESS.indexOf(b.precision))];
  // Ends given the wrong way round ("between 1990 and 1980") still name the span between them.
  const range = a.range.start <= b.range.end
    ? { start: a.range.start, end: b.range.end }
    : { start: b.range.start, end: a.range.end };
  return {
    range, text: text.slice(index, second.index + second.text.length), index, precision,
    relation: "between", explicitYear: first.explicitYear || second.explicitYear,
  };
}

/** The same mention read with another default year, found again in its sentence so "may" keeps its context. */
function inYear(text: string, date: DateMention, y: number): DateMention | undefined {
  return findDates(text, y).find((m) => m.index === date.index && m.text === date.text);
}

function year(iso: string): number {
  return +iso.slice(0, 4);
}
