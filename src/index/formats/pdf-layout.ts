import { collapseSpaces, createTextWriter } from "./text-writer.js";

/** One run of text on a PDF page, as pdf.js reports it: PDF coordinates, origin bottom left. */
export interface PdfTextItem {
  str: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  fontSize: number;
  /** pdf.js saw a line end after this run. */
  hasEOL: boolean;
}

/** A line of a page: its text and where it sits. */
interface Line {
  text: string;
  x: number;
  y: number;
  right: number;
  fontSize: number;
}

// A run this far (in font sizes) from the line's baseline starts a new line; less is a superscript.
const NEW_LINE_SHIFT = 0.5;
// A gap between runs wider than this (in font sizes) is a space the PDF did not write.
const WORD_GAP = 0.15;
// Lines further apart than this many times the usual line spacing are separate paragraphs.
const PARAGRAPH_GAP = 1.4;
// A line whose text size differs by more than this share is a heading, a caption or a footnote.
const SIZE_CHANGE = 0.15;
// A line ending before this share of the text width ends its paragraph (unless the next line plainly continues it).
const FULL_LINE = 0.8;
const BULLET = /^(?:[•◦▪▫‣⁃●○■□➢►▶✓✔]\s*|[-–—*]\s+)/u;
const SENTENCE_END = /[.!?:;…"”’)\]]$/u;
// Text this much larger than the body is a heading, when it is short enough to be one.
const HEADING_SCALE = 1.2;
const MAX_HEADING_CHARS = 150;
const PAGE_NUMBER = /^(?:page\s+)?\d{1,4}(?:\s*(?:\/|of)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$/i;

/**
 * The lines of one page from pdf.js's text runs: runs on one baseline join (with a space where the
 * PDF left a gap but wrote none); a line end or a move to another baseline starts a new line.
 */
export function pageLines(items: PdfTextItem[]): Line[] {
  const lines: Line[] = [];
  let current: Line | undefined;
  // Characters per text size on the current line: its size is that of most of its text, so a drop
  // capital or a footnote mark does not make the line a heading or a footnote.
  let sizes = new Map<number, number>();
  const end = () => {
    if (current) {
      current.text = collapseSpaces(current.text);
      current.fontSize = [...sizes].sort((a, b) => b[1] - a[1])[0][0];
      if (current.text) lines.push(current);
    }
    current = undefined;
    sizes = new Map();
  };
  for (const item of items) {
    // pdf.js marks some line ends with an empty run placed at the next line: only the end counts.
    if (!item.str) {
      if (item.hasEOL) end();
      continue;
    }
    const size = Math.abs(item.fontSize) || 1;
    if (current && Math.abs(item.y - current.y) > NEW_LINE_SHIFT * Math.max(size, current.fontSize)) end();
    if (!current) {
      current = { text: item.str, x: item.x, y: item.y, right: item.x + item.width, fontSize: size };
    } else {
      const gap = item.x - current.right;
      if (gap > WORD_GAP * size && !/\s$/.test(current.text) && !/^\s/.test(item.str)) current.text += " ";
      current.text += item.str;
      current.right = Math.max(current.right, item.x + item.width);
      // Until the line ends, its size is the largest seen, so a larger run at its baseline stays on it.
      current.fontSize = Math.max(current.fontSize, size);
    }
    sizes.set(size, (sizes.get(size) ?? 0) + item.str.length);
    if (item.hasEOL) end();
  }
  end();
  return lines;
}

/**
 * The text of a PDF's pages, each page's lines joined into paragraphs, pages separated by "\f" (page N
 * is the text after N-1 form feeds). Short paragraphs set larger than the body text become `#` headings,
 * the largest size `#`, the next `##`, and so on. Page numbers and running headers or footers (the same
 * first or last line on most pages) are dropped: they would read as headings.
 */
export function pdfText(pages: PdfTextItem[][]): string {
  const lines = pages.map(pageLines);
  const all = lines.flat();
  const running = runningLines(lines, all.length ? bodyFontSize(all) : 0);
  const levels = headingLevels(all);
  return lines
    .map((page) => {
      const kept = page.filter((line, i) => {
        const edge = i === 0 || i === page.length - 1;
        return !(edge && (PAGE_NUMBER.test(line.text) || (isSmall(line, running.body) && running.keys.has(runningKey(line.text)))));
      });
      return paragraphs(kept, levels);
    })
    .join("\n\f\n");
}

/** Heading levels by text size: every size well above the document's body text, largest first. */
function headingLevels(lines: Line[]): (size: number) => number | undefined {
  if (!lines.length) return () => undefined;
  const body = bodyFontSize(lines);
  const sizes = [...new Set(lines.map((line) => sizeKey(line.fontSize)).filter((size) => size >= HEADING_SCALE * body))].sort((a, b) => b - a);
  return (size) => {
    const index = sizes.indexOf(sizeKey(size));
    return index < 0 ? undefined : Math.min(6, index + 1);
  };
}

function sizeKey(size: number): number {
  return Math.round(size * 2) / 2;
}

function runningKey(text: string): string {
  return text.replace(/\d+/g, "#").toLowerCase();
}

/**
 * First and last lines that recur, numbers aside, on more than half the pages of a document of three
 * pages or more, set no larger than the body text: a heading atop every page ("Chapter 3") is larger.
 */
function runningLines(pages: Line[][], body: number): { keys: Set<string>; body: number } {
  const keys = new Set<string>();
  if (pages.length < 3) return { keys, body };
  const counts = new Map<string, number>();
  for (const page of pages) {
    const edges = new Set([page[0], page[page.length - 1]].filter((line) => line && isSmall(line, body)).map((line) => runningKey(line.text)));
    for (const key of edges) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counts) if (count > pages.length / 2) keys.add(key);
  return { keys, body };
}

function isSmall(line: Line, body: number): boolean {
  return line.fontSize <= body * (1 + SIZE_CHANGE);
}

/**
 * One page's lines as paragraphs, bullets and headings. Two lines belong to one paragraph when they
 * sit at the usual line spacing, in the same text size, the first reaching across the text width (or
 * plainly continuing: no closing punctuation, then a lowercase start), and the second is not a bullet
 * nor an indented first line. A hyphen at a line end before a lowercase word is a word broken across
 * lines and is removed.
 */
function paragraphs(lines: Line[], headingLevel: (size: number) => number | undefined): string {
  const writer = createTextWriter();
  if (!lines.length) return "";
  const body = bodyFontSize(lines);
  const spacing = lineSpacing(lines, body);
  // Folded rather than spread: a page can hold more lines than a call takes arguments.
  const left = lines.reduce((min, line) => Math.min(min, line.x), Infinity);
  const right = lines.reduce((max, line) => (near(line.fontSize, body) ? Math.max(max, line.right) : max), left + 1);
  let text = "";
  let size = body;
  // Where the bullet being written starts, while one is.
  let bulletX: number | undefined;
  const flush = () => {
    const level = headingLevel(size);
    if (bulletX !== undefined) writer.bullet(text);
    else if (level && text.length <= MAX_HEADING_CHARS) writer.heading(level, text);
    else writer.paragraph(text);
    text = "";
  };
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    const marker = BULLET.exec(line.text);
    const content = marker ? line.text.slice(marker[0].length) : line.text;
    if (previous && !marker && continues(previous, line, bulletX, { spacing, left, right })) {
      text = /\p{L}-$/u.test(text) && /^\p{Ll}/u.test(content) ? text.slice(0, -1) + content : `${text} ${content}`;
      return;
    }
    if (previous) flush();
    bulletX = marker ? line.x : undefined;
    size = line.fontSize;
    text = content;
  });
  flush();
  return writer.text();
}

/** Whether `line` goes on with the paragraph (or the bullet, starting at `bulletX`) that `previous` is part of. */
function continues(previous: Line, line: Line, bulletX: number | undefined, page: { spacing?: number; left: number; right: number }): boolean {
  if (!near(previous.fontSize, line.fontSize)) return false;
  const gap = previous.y - line.y;
  // Going up the page (a new column) or down much further than usual is a new paragraph.
  if (gap <= 0 || gap > (page.spacing ? PARAGRAPH_GAP * page.spacing : 2 * line.fontSize)) return false;
  const plainlyContinues = !SENTENCE_END.test(previous.text) && /^\p{Ll}/u.test(line.text);
  if (plainlyContinues) return true;
  const indent = line.fontSize;
  // A bullet's wrapped lines hang to the right of its marker; a line back at the marker is the text after the list.
  if (bulletX !== undefined && line.x <= bulletX + indent / 2) return false;
  // An indented first line opens a paragraph.
  if (bulletX === undefined && line.x > page.left + 1.5 * indent && line.x > previous.x + indent / 2) return false;
  return previous.right >= page.left + FULL_LINE * (page.right - page.left);
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= SIZE_CHANGE * Math.max(a, b);
}

/** The text size of most of the page's characters. */
function bodyFontSize(lines: Line[]): number {
  const weights = new Map<number, number>();
  for (const line of lines) {
    const size = sizeKey(line.fontSize);
    weights.set(size, (weights.get(size) ?? 0) + line.text.length);
  }
  return [...weights].sort((a, b) => b[1] - a[1])[0][0];
}

/** The usual distance between consecutive lines of body text, when the page has such lines. */
function lineSpacing(lines: Line[], body: number): number | undefined {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1].y - lines[i].y;
    if (gap > 0 && gap < 3 * body && near(lines[i].fontSize, body) && near(lines[i - 1].fontSize, body)) gaps.push(gap);
  }
  if (!gaps.length) return undefined;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
}
