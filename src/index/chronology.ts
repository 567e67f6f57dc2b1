import type { DateRange } from "./chunk.js";
import { findDates, type DatePrecision } from "../dates/index.js";

/** One dated line of a chronology: "July 28-Aug. 7, 2024: The envoy tours the region ...", "2023-04-27 - Pump taken offline". */
export interface ChronologyEntry {
  date: DateRange;
  /** The date as written before the separator. */
  dateLabel: string;
  /** What happened: the text after the separator. */
  text: string;
  /** How finely the date is given: "2016: founded" is a year, "March 2024: ..." a month. */
  precision: DatePrecision;
}

const BULLET = /^\s*[-*•]\s+/;
// A date opens an entry only when a colon, a spaced hyphen or a dash follows it: "2016 was a hard year" is prose.
const SEPARATOR = /^(?::\s+|\s+-\s+|\s*[–—]\s*)(?=\S)/;
// No date that opens a line runs longer than this ("the second week of September 2024", "September 28 - October 7, 2024").
const LONGEST_DATE = 60;

/**
 * Reads a chronology line, or returns undefined for any other line. The line opens with a date (after a
 * bullet, only a date with its year), the date is followed by a colon or a dash, and then the entry's text. Prose such as
 * "Part II: ..." or "Note: ..." is never an entry: the date must come first and be all that precedes the
 * separator. A date without a year ("March 4: ...") must name a day; "Q3: ..." is more likely a
 * numbered question than a quarter.
 */
export function parseChronologyLine(line: string, defaultYear: number): ChronologyEntry | undefined {
  const bulleted = BULLET.test(line);
  const body = line.replace(BULLET, "").trim();
  if (!/^\D{0,20}\d/.test(body)) return undefined;
  const [mention] = findDates(body.slice(0, LONGEST_DATE), defaultYear);
  if (!mention || mention.index !== 0 || !/\d/.test(mention.text)) return undefined;
  if (mention.precision !== "day" && !mention.explicitYear) return undefined;
  // In a bulleted list a yearless date ("- July 24: bombers ...") is narration that leans on the prose
  // around it for its year; a bullet that gives its year ("- 2016: founded ...") is a timeline entry.
  if (bulleted && !mention.explicitYear) return undefined;
  const rest = body.slice(mention.text.length);
  const separator = SEPARATOR.exec(rest);
  if (!separator) return undefined;
  return { date: mention.range, dateLabel: mention.text, text: rest.slice(separator[0].length).trim(), precision: mention.precision };
}
