import { createHash } from "node:crypto";
import type { Chunk, DateRange } from "./chunk.js";
import { parseChronologyLine } from "./chronology.js";
import { splitSentences } from "./sentences.js";
import { findDates, overlaps, type DateMention } from "../dates/index.js";

/** Longest article chunk, in characters: long paragraphs are split between sentences to fit. */
export const MAX_CHUNK_CHARS = 700;
// Each piece of a split paragraph repeats the last sentence or two of the piece before, so any two
// neighbouring sentences are found together in some chunk.
const OVERLAP_CHARS = 250;

/** Identifies how documents are cut into chunks: an index cut another way is rebuilt. */
export const CHUNKING_ID = `max${MAX_CHUNK_CHARS}-overlap${OVERLAP_CHARS}-dated-headings`;

/** How to read one document. */
export interface ParseOptions {
  /**
   * The year for dates written without one when the document itself names no year: the corpus's year.
   * Without either, the current year.
   */
  defaultYear?: number;
  /** The text is a paged document's (a PDF's), its pages separated by form feeds: each chunk records its page. */
  paged?: boolean;
}

const CAPTION = /^(figure|fig\.|table|photo|source)\s*\d*\b/i;
const BULLET = /^\s*[-*•]\s+/;
const MARKDOWN_HEADING = /^(#{1,6})\s+/;
// A plain-text heading has no level of its own: it sits under every Markdown heading open above it.
const PLAIN_HEADING_LEVEL = 7;

/** A heading open above the current line, with the date it gives what it covers, if any. */
interface OpenHeading {
  level: number;
  title: string;
  date?: { range: DateRange; label: string };
  /** The year for dates without one beneath it: its own if it names exactly one, else its parent's. */
  year: number;
}

type Piece = Omit<Chunk, "id" | "position">;

/**
 * Turns one corpus document into chunks. Chronology lines ("2023-04-27 - ...", "12 Jan 2025: ...") become
 * dated entries; article prose is chunked by section and paragraph. Passages get dates too: a bullet or a
 * paragraph that opens with a date takes it, and everything under a dated heading ("## 3.2.0 (2024-03-12)",
 * "### March 2024") takes the heading's, the bullets there becoming entries of their own. Dates without a
 * year are read in the year of the dated heading above them, else the document's year.
 * Figure captions are left out: they describe pictures, they do not answer questions.
 */
export async function parseDocument(doc: string, text: string, options: ParseOptions = {}): Promise<Chunk[]> {
  const documentYearOrDefault = documentYear(text) ?? options.defaultYear ?? new Date().getUTCFullYear();
  const pieces: Piece[] = [];
  const open: OpenHeading[] = [];
  // Where each page's pieces start, when pages are counted.
  const pageStarts: number[] = [];
  for (const raw of text.split(/\r?\n|(?=\f)/)) {
    if (raw.startsWith("\f") || pageStarts.length === 0) pageStarts.push(pieces.length);
    const line = raw.trim();
    if (!line || CAPTION.test(line)) continue;
    const year = open.at(-1)?.year ?? documentYearOrDefault;
    const markdown = MARKDOWN_HEADING.exec(line);
    if (markdown) {
      openHeading(open, markdown[1].length, line.slice(markdown[0].length).trim(), documentYearOrDefault, true);
      continue;
    }
    const place = placeOf(open);
    const scope = datedScope(open);
    const entry = parseChronologyLine(line, year);
    if (entry) {
      // A chronology line stands alone: its date is all the context it needs, so it carries no section.
      pieces.push({ doc, kind: "chronology", text: line.replace(BULLET, ""), date: entry.date, dateLabel: entry.dateLabel });
    } else if (isHeading(line)) {
      openHeading(open, PLAIN_HEADING_LEVEL, line, documentYearOrDefault, false);
    } else if (BULLET.test(line)) {
      const bullet = line.replace(BULLET, "");
      if (scope) {
        // Under a dated heading every bullet is an item of that date, or of a day within it that it names;
        // it keeps its headings, which say what it belongs to ("3.2.0 (2024-03-12)").
        const own = bulletDate(bullet, year);
        const date = own.date && overlaps(own.date, scope.range) ? own : { date: scope.range, dateLabel: scope.label };
        pieces.push({ doc, kind: "chronology", text: bullet, ...place, ...date });
      } else {
        pieces.push({ doc, kind: "article", text: bullet, ...place, ...bulletDate(bullet, year) });
      }
    } else {
      const opening = openingDate(line, year);
      const date = opening ? { date: opening.range, dateLabel: opening.text } : scope ? { date: scope.range, dateLabel: scope.label } : {};
      for (const part of splitParagraph(line)) pieces.push({ doc, kind: "article", text: part, ...place, ...date });
    }
  }
  if (options.paged) {
    for (let page = 0; page < pageStarts.length; page++) {
      const end = pageStarts[page + 1] ?? pieces.length;
      for (let i = pageStarts[page]; i < end; i++) pieces[i].page = page + 1;
    }
  }
  return withIds(doc, pieces);
}

/** Closes the headings at `level` and deeper, then opens this one. */
function openHeading(open: OpenHeading[], level: number, title: string, documentYear: number, markdown: boolean): void {
  while (open.length && open[open.length - 1].level >= level) open.pop();
  const parentYear = open.at(-1)?.year ?? documentYear;
  const date = headingDate(title, parentYear, markdown);
  const ownYear = date && date.explicitYear && date.range.start.slice(0, 4) === date.range.end.slice(0, 4) ? +date.range.start.slice(0, 4) : undefined;
  open.push({
    level,
    title,
    ...(date ? { date: { range: date.range, label: date.text } } : {}),
    year: ownYear ?? parentYear,
  });
}

/** `section` is the nearest heading; `headings` the path down to it, outermost first. */
function placeOf(open: OpenHeading[]): Pick<Chunk, "section" | "headings"> {
  return open.length ? { section: open[open.length - 1].title, headings: open.map((h) => h.title) } : {};
}

/** The innermost open heading that gives a date. */
function datedScope(open: OpenHeading[]): OpenHeading["date"] {
  for (let i = open.length - 1; i >= 0; i--) if (open[i].date) return open[i].date;
  return undefined;
}

// Words that may stand beside a date in a heading that is nothing but the date: "Version 3.1 — 12 January 2024".
const HEADING_FILLER = /\bv?\d+(?:\.\d+)+\b|\b(?:version|release|v)\b|[\s()[\]\-–—:,./]/gi;

/**
 * The date a heading gives the passages under it. A heading that is only a date (perhaps with a version:
 * "## 3.2.0 (2024-03-12)", "### March 2024", "2023") gives it; so does a Markdown heading naming a day or
 * month with its year ("## Board meeting of 12 March 2024"). A title that merely contains a year
 * ("Annual Report 2023") or a yearless month ("Holidays in December") dates nothing under it.
 */
function headingDate(title: string, year: number, markdown: boolean): DateMention | undefined {
  // Read as if after "in": a heading "May" or "March" is the month, not the verb.
  const mentions = findDates(`in ${title}`, year);
  const [first] = mentions;
  if (!first) return undefined;
  const onlyDate = mentions.length === 1 && title.replace(first.text, " ").replace(HEADING_FILLER, "") === "";
  if (onlyDate) return first;
  if (!markdown) return undefined;
  return mentions.find((m) => m.precision !== "year" && m.explicitYear);
}

/** A short line that does not end like a sentence is a section heading ("Multilateralism to Go"). */
function isHeading(line: string): boolean {
  return line.length <= 80 && !/[.:;,!?"”)]$/.test(line) && /^[\p{Lu}\d]/u.test(line);
}

/** A bullet's first date mention that names a day or part of a month ("July 24:", "In late July,"). */
function bulletDate(bullet: string, year: number): Pick<Chunk, "date" | "dateLabel"> {
  const mention = findDates(bullet, year).find((m) => m.precision === "day" || m.precision === "month");
  return mention ? { date: mention.range, dateLabel: mention.text } : {};
}

// What may precede the date a paragraph opens with: "On 3 March 2023 ...", "In March 2023, ...", "Over the summer, ...",
// "At 03:50 on 27 April ...". Not "Since 2019" or "By Oct. 1": those name a bound, not the time the paragraph tells of.
const OPENING = /^(?:at\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s+(?:on\s+)?|(?:on|in|during|throughout|over|early\s+in|late\s+in|at\s+the\s+(?:start|end|beginning)\s+of)\s+(?:the\s+)?)?$/i;
// Only the first words can open a paragraph: its date must start and end this far in ("In the autumn of 2024," is well within).
const OPENING_CHARS = 60;

/**
 * The date a prose paragraph opens with, or undefined. A bare year opens a paragraph only after a
 * preposition: "In 2023, revenue rose" is dated, "2023 was a year of two extremes" is a summary.
 */
function openingDate(paragraph: string, year: number): DateMention | undefined {
  const [first] = findDates(paragraph.slice(0, OPENING_CHARS), year);
  if (!first) return undefined;
  const lead = paragraph.slice(0, first.index);
  if (!OPENING.test(lead)) return undefined;
  return first.precision === "year" && !lead.trim() ? undefined : first;
}

/**
 * Splits a long paragraph between sentences into pieces of at most MAX_CHUNK_CHARS, each repeating the
 * last sentences of the one before (up to OVERLAP_CHARS). A sentence longer than a piece is cut at
 * "; ", then ", ", then spaces, so no piece is ever over the limit and no paragraph makes parsing fail.
 */
function splitParagraph(paragraph: string): string[] {
  if (paragraph.length <= MAX_CHUNK_CHARS) return [paragraph];
  const units = splitSentences(paragraph).flatMap((sentence) => cutSentence(sentence, MAX_CHUNK_CHARS));
  return pack(units, MAX_CHUNK_CHARS, OVERLAP_CHARS);
}

const CUTS = ["; ", ", ", " "];

/** A sentence as parts no longer than `max`, cut at the first of CUTS that it contains; each part keeps its separator's mark. */
function cutSentence(sentence: string, max: number, cuts = CUTS): string[] {
  if (sentence.length <= max) return [sentence];
  const index = cuts.findIndex((cut) => sentence.includes(cut));
  if (index < 0) {
    // One unbroken run of characters (a long URL): cut it where it must be.
    const parts: string[] = [];
    for (let i = 0; i < sentence.length; i += max) parts.push(sentence.slice(i, i + max));
    return parts;
  }
  const cut = cuts[index];
  const parts = sentence.split(cut).map((part, i, all) => (i < all.length - 1 ? part + cut.trimEnd() : part));
  return parts.filter(Boolean).flatMap((part) => cutSentence(part, max, cuts.slice(index + 1)));
}

/**
 * Packs units (sentences, or parts of long ones) joined by spaces into pieces of at most `max` characters.
 * When a piece is full, the next starts with the previous piece's last units that fit in `overlap`.
 */
function pack(units: string[], max: number, overlap: number): string[] {
  const pieces: string[] = [];
  const current: string[] = [];
  // Characters of the units in `current`, without the spaces between them.
  let total = 0;
  for (const unit of units) {
    if (current.length && total + unit.length + current.length > max) {
      pieces.push(current.join(" "));
      while (current.length && (total > overlap || total + unit.length + current.length > max)) total -= current.shift()!.length;
    }
    current.push(unit);
    total += unit.length;
  }
  if (current.length) pieces.push(current.join(" "));
  return pieces;
}

/**
 * The year the document speaks of most: the year for dates written without one. Undefined when the
 * document names no year at all, so the caller can supply the corpus's.
 */
export function documentYear(text: string): number | undefined {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/\b(19\d{2}|20\d{2})\b/g)) counts.set(+m[1], (counts.get(+m[1]) ?? 0) + 1);
  let best: number | undefined;
  let bestCount = 0;
  for (const [year, count] of counts) if (count > bestCount) [best, bestCount] = [year, count];
  return best;
}

/** documentYear, or the current year for a document that names none. */
export function dominantYear(text: string): number {
  return documentYear(text) ?? new Date().getUTCFullYear();
}

/** Ids come from the document and the text, so they stay the same across runs and across insertions. */
function withIds(doc: string, pieces: Piece[]): Chunk[] {
  const slug = doc.replace(/\.[^.]+$/, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const seen = new Map<string, number>();
  return pieces.map((piece, position) => {
    const hash = createHash("sha1").update(`${piece.kind}\n${piece.text}`).digest("hex").slice(0, 10);
    const count = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, count);
    const id = `${slug}-${hash}${count > 1 ? `-${count}` : ""}`;
    return { id, position, ...piece };
  });
}
