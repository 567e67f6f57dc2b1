import type { Citation, DateRange } from "./types.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function parts(iso: string): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]) - 1, day: Number(match[3]) };
}

/** "March 6, 2021", "March 28 – April 7, 2021", "December 30, 2021 – January 2, 2022". */
export function formatRange(range: DateRange): string {
  const a = parts(range.start);
  const b = parts(range.end);
  if (!a || !b) return `${range.start} – ${range.end}`;
  const day = (p: { month: number; day: number }) => `${MONTHS[p.month]} ${p.day}`;
  if (range.start === range.end) return `${day(a)}, ${a.year}`;
  if (a.year !== b.year) return `${day(a)}, ${a.year} – ${day(b)}, ${b.year}`;
  if (a.month === b.month) return `${day(a)}–${b.day}, ${a.year}`;
  return `${day(a)} – ${day(b)}, ${a.year}`;
}

/** "2021-07" → "July 2021". */
export function formatMonth(key: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(key);
  return match ? `${MONTHS[Number(match[2]) - 1]} ${match[1]}` : key;
}

/**
 * The period a span of days covers, as a heading names it: "May 2021", "May–December 2021", and across
 * years just the years, "2020–2021", since months at both ends would crowd a heading.
 */
export function formatPeriod(range: DateRange): string {
  const a = parts(range.start);
  const b = parts(range.end);
  if (!a || !b) return `${range.start} – ${range.end}`;
  if (a.year !== b.year) return `${a.year}–${b.year}`;
  if (a.month === b.month) return `${MONTHS[a.month]} ${a.year}`;
  return `${MONTHS[a.month]}–${MONTHS[b.month]} ${a.year}`;
}

/** The month a chunk belongs to in the timeline: that of its first day ("2021-07"). */
export function monthKey(range: DateRange): string {
  return range.start.slice(0, 7);
}

/** How a source's date reads in a chip's tooltip and the sources list: the range in full when known. */
export function sourceDate(source: Pick<Citation, "date" | "dateLabel">): string | undefined {
  if (source.date) return formatRange(source.date);
  return source.dateLabel;
}

/** "Chronology · history.txt", "Article, Pricing · handbook.md" or "Article, Results · report.pdf, p. 3". */
export function sourceOrigin(source: Pick<Citation, "kind" | "doc" | "section" | "page">): string {
  const kind = source.kind === "chronology" ? "Chronology" : "Article";
  const where = typeof source.page === "number" ? `${source.doc}, p. ${source.page}` : source.doc;
  return `${source.section ? `${kind}, ${source.section}` : kind} · ${where}`;
}

/** The first `max` characters of a text, cut at a word and marked with an ellipsis. */
export function excerpt(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}
