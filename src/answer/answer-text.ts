import type { Citation } from "./types.js";

/**
 * The answer-text format. Answers are plain text any client can show: a list answer gives each item a
 * line of its own, an article sentence is followed by the chronology entry that dates the same event,
 * and a reply to an OpenAI client ends with a "Sources:" block. The condenser reads the same text back
 * from a conversation's history to learn what an earlier answer listed and cited, so each shape is
 * defined once, here, its writer beside its reader: a change to the wording cannot leave the reader behind.
 */

/** One cited item: its label (a date as the document writes it, a heading) when it has one, its words, its [n]. */
export interface CitedItem {
  label?: string;
  text: string;
  n: number;
}

/** "July 24, 2024: Four bombers patrol … [3]": an item as a sentence or a list line holds it. */
export function citedItem({ label, text, n }: CitedItem): string {
  return `${label ? `${label}: ` : ""}${text} [${n}]`;
}

const LIST_BULLET = "- ";
// Clients may send an answer back rendered (Markdown's "*", "•", numbers): any of these starts a list line.
const LIST_LINE = /^\s*(?:[-*•]|\d{1,2}[.)])\s+(.+)$/;

/** "- July 24, 2024: Four bombers patrol … [3]"; with `more`, "(and 2 more)" for entries the line stands for but does not quote. */
export function listLine(item: CitedItem, more = 0): string {
  return `${LIST_BULLET}${citedItem(item)}${more > 0 ? ` (and ${more} more)` : ""}`;
}

/** The words of each list line, without the bullet, in order; none when the text is not a list. */
export function listLines(text: string): string[] {
  return text.split("\n").map((line) => LIST_LINE.exec(line)?.[1]).filter((line): line is string => Boolean(line));
}

/** The text with another bullet on its list lines, for a client without list syntax (Slack's mrkdwn). */
export function withBullet(text: string, bullet: string): string {
  return text.split("\n").map((line) => (line.startsWith(LIST_BULLET) ? bullet + line.slice(LIST_BULLET.length) : line)).join("\n");
}

/** " (July 24, 2024 [2])": after an article sentence, the chronology entry that dates the same event. */
export function chronologyNote(label: string, n: number): string {
  return ` (${label} [${n}])`;
}

// Earlier versions wrote "(chronology: July 24, 2024 [2])", and a history sent back may still hold one.
const CHRONOLOGY_NOTE = /\((?:chronology:\s*)?([^()[\]]+?)\s*\[(\d{1,3})\]\)/g;

/** The text with each chronology note opened to "July 24, 2024 [2]", so it reads like any other cited item. */
export function unwrapChronologyNotes(text: string): string {
  return text.replace(CHRONOLOGY_NOTE, (_, label: string, n: string) => `${label} [${n}]`);
}

// Enough of each source to recognise it; the whole passage is one request away (GET /api/sources/:id).
const SOURCE_QUOTE_CHARS = 100;
const SOURCES_HEADING = /\n\s*Sources:\s*\n/i;
const SOURCE_LINE = /^\s*\[(\d{1,3})\]\s+(.+?)\s+—\s+.+?:\s+(.*)$/;

/** "\n\nSources:\n[1] July 24, 2024 — doc.txt: <first 100 characters>", or "" for an answer without citations. */
export function sourcesBlock(citations: readonly Citation[]): string {
  if (!citations.length) return "";
  const lines = citations.map((c) => `[${c.n}] ${c.dateLabel ?? c.section ?? c.kind} — ${c.doc}${c.page ? `, p. ${c.page}` : ""}: ${c.text.slice(0, SOURCE_QUOTE_CHARS)}`);
  return `\n\nSources:\n${lines.join("\n")}`;
}

/** A line of a Sources block, read back: the [n], the label (a date, a section or the kind) and the quoted words. */
export interface SourceLine {
  n: number;
  label: string;
  text: string;
}

/** An answer's text apart from its trailing Sources block, and that block's lines. */
export function splitSources(text: string): { body: string; sources: SourceLine[] } {
  const [body, block = ""] = text.split(SOURCES_HEADING);
  const sources: SourceLine[] = [];
  for (const line of block.split("\n")) {
    const m = SOURCE_LINE.exec(line);
    if (m) sources.push({ n: Number(m[1]), label: m[2], text: m[3] });
  }
  return { body, sources };
}
