import type { DateRange } from "../index/chunk.js";

const MONTH_BY_NAME: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4,
  may: 5, jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8,
  sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

/** Matches a month name or its abbreviation, with or without a trailing period ("Sept.", "August"). */
export const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;

export const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** 1-12 for a month name or abbreviation, undefined for anything else. */
export function monthNumber(word: string): number | undefined {
  return MONTH_BY_NAME[word.toLowerCase().replace(/\.$/, "")];
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A real calendar day, or undefined (so "Feb. 30" is not a date). */
export function validDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return isoDate(year, month, day);
}

export function monthRange(year: number, month: number, fromDay = 1, toDay = daysInMonth(year, month)): DateRange {
  return { start: isoDate(year, month, fromDay), end: isoDate(year, month, Math.min(toDay, daysInMonth(year, month))) };
}

/** Every day of the years `from` to `to`, both included. */
export function yearsRange(from: number, to = from): DateRange {
  return { start: isoDate(from, 1, 1), end: isoDate(to, 12, 31) };
}

/** Open ends for "before X" and "after X": the earliest and latest days an ISO date can name. */
export const OPEN_START = "0001-01-01";
export const OPEN_END = "9999-12-31";

/** The ISO date `days` after `date` (before, when negative), kept within the open ends. */
export function addDays(date: string, days: number): string {
  // Date.parse reads four-digit ISO years literally, so years before 100 stay in their century.
  const shifted = new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
  if (shifted.startsWith("+") || shifted > OPEN_END) return OPEN_END;
  return shifted < OPEN_START ? OPEN_START : shifted;
}

/** Whether two inclusive ranges share at least one day. ISO strings compare correctly as text. */
export function overlaps(a: DateRange, b: DateRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** Days between two ranges: 0 when they overlap. */
export function rangeDistance(a: DateRange, b: DateRange): number {
  if (overlaps(a, b)) return 0;
  return a.end < b.start ? daysBetween(a.end, b.start) : daysBetween(b.end, a.start);
}

/** "July 24, 2024" or "July 28 - August 7, 2024" for a range, written for people. */
export function formatRange(range: DateRange): string {
  const [sy, sm, sd] = range.start.split("-").map(Number);
  const [ey, em, ed] = range.end.split("-").map(Number);
  const start = `${MONTH_NAMES[sm - 1]} ${sd}`;
  if (range.start === range.end) return `${start}, ${sy}`;
  if (sy !== ey) return `${start}, ${sy} - ${MONTH_NAMES[em - 1]} ${ed}, ${ey}`;
  if (sm === em) return `${start}-${ed}, ${sy}`;
  return `${start} - ${MONTH_NAMES[em - 1]} ${ed}, ${sy}`;
}

/**
 * Whether two ranges share a day of the year in some year: how a date written without a year is compared
 * with another such date ("open from November to March" against "in January"), since both recur.
 * A range of a year or more covers every day.
 */
export function overlapsInAnyYear(a: DateRange, b: DateRange): boolean {
  if (daysBetween(a.start, a.end) >= 365 || daysBetween(b.start, b.end) >= 365) return true;
  const shift = (range: DateRange, years: number): DateRange => ({ start: shiftYear(range.start, years), end: shiftYear(range.end, years) });
  const offset = +a.start.slice(0, 4) - +b.start.slice(0, 4);
  return [offset - 1, offset, offset + 1].some((years) => overlaps(a, shift(b, years)));
}

function shiftYear(date: string, years: number): string {
  const year = +date.slice(0, 4) + years;
  // 29 February becomes 28 February in a year without it.
  const rest = date.slice(4) === "-02-29" && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? "-02-28" : date.slice(4);
  return `${String(year).padStart(4, "0")}${rest}`;
}
