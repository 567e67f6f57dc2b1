import type { DateRange } from "./chunk.js";
import { findDates } from "../dates/index.js";

/** One dated line of a chronology: "July 28-Aug. 7, 2024: China's special envoy ...". */
export interface ChronologyEntry {
  date: DateRange;
  /** The date as written before the colon. */
  dateLabel: string;
  /** What happened: the text after the colon. */
  text: string;
}

// A chronology line opens with a date of at most ~30 characters and a colon.
const LEAD = /^\s*([A-Za-z][A-Za-z.]*\s*\d[^:]{0,30}):\s+(\S.*)$/;

/**
 * Reads a chronology line, or returns undefined for any other line. The date must fill the whole lead
 * before the colon and name a day, so prose such as "Part II: ..." is never mistaken for an entry.
 */
export function parseChronologyLine(line: string, defaultYear: number): ChronologyEntry | undefined {
  const m = LEAD.exec(line);
  if (!m) return undefined;
  const lead = m[1].trim();
  const [mention] = findDates(lead, defaultYear);
  if (!mention || mention.precision !== "day" || mention.index !== 0 || mention.text.length < lead.length) return undefined;
  return { date: mention.range, dateLabel: lead, text: m[2].trim() };
}
