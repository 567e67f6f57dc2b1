import type { DateRange } from "../index/chunk.js";
import { listLines, splitSources, unwrapChronologyNotes } from "../answer/index.js";
import { findDates } from "../dates/index.js";
import type { ChatCitation, ChatMessage } from "./types.js";

/** One thing an assistant answer cited or listed, as far as the conversation shows it. */
export interface AnswerItem {
  /** The [n] citation behind the item, when known. */
  n?: number;
  date?: DateRange;
  /** How the answer labels the item: its date as written ("Oct. 4, 2024") or its article section. */
  label?: string;
  /** The item's words, without its date label or [n] markers. */
  text: string;
}

const MARKER = /\[(\d{1,3})\]/g;

/**
 * The items of an assistant answer in the order a reader sees them: its list lines when it is a list,
 * otherwise its citations in order of first use. Citations sent with the message are used as they are;
 * without them, dates and labels are read from the text (and from a trailing "Sources:" block).
 */
export function answerItems(message: ChatMessage, year: number): AnswerItem[] {
  const { body, sources } = splitSources(message.content);
  const byN = new Map<number, AnswerItem>();
  for (const { n, label, text } of sources) byN.set(n, fromLabel(n, label, text, year));
  for (const citation of message.citations ?? []) byN.set(citation.n, fromCitation(citation, year));

  const lines = listLines(body);
  if (lines.length) return lines.map((line) => merge(byN, fromText(line, year)));

  // A chronology note, "(July 24, 2024 [2])", is read as one more item: the entry it names.
  const prose = unwrapChronologyNotes(body);
  const items: AnswerItem[] = [];
  const seen = new Set<number>();
  let from = 0;
  for (const m of prose.matchAll(MARKER)) {
    const n = Number(m[1]);
    if (!seen.has(n)) {
      seen.add(n);
      items.push(merge(byN, { ...fromText(prose.slice(from, m.index), year), n }));
    }
    from = m.index + m[0].length;
  }
  if (items.length) return items;
  return [...byN.values()].sort((a, b) => (a.n ?? 0) - (b.n ?? 0));
}

/** The date of the first dated item of an answer: the event a relative date ("a month later") counts from. */
export function anchorOf(items: AnswerItem[]): AnswerItem | undefined {
  return items.find((item) => item.date);
}

/** A cited item with what the text says, completed by the citation it names. */
function merge(byN: Map<number, AnswerItem>, item: AnswerItem): AnswerItem {
  const cited = item.n === undefined ? undefined : byN.get(item.n);
  if (!cited) return item;
  return { n: item.n, date: cited.date ?? item.date, label: cited.label ?? item.label, text: item.text || cited.text };
}

function fromCitation(citation: ChatCitation, year: number): AnswerItem {
  const label = citation.dateLabel ?? citation.section;
  const date = citation.date ?? (citation.dateLabel ? findDates(citation.dateLabel, year)[0]?.range : undefined);
  return { n: citation.n, ...(date ? { date } : {}), ...(label ? { label } : {}), text: withoutLabel(citation.text ?? "", year).text };
}

function fromLabel(n: number, label: string, text: string, year: number): AnswerItem {
  const date = findDates(label, year)[0]?.range;
  return { n, ...(date ? { date } : {}), label, text: withoutLabel(text, year).text };
}

/** An item read from answer text: "Oct. 4, 2024: Sixth regular meeting ... [2]". */
function fromText(text: string, year: number): AnswerItem {
  const n = /\[(\d{1,3})\]/.exec(text)?.[1];
  const clean = text.replace(MARKER, " ").replace(/\s+/g, " ").replace(/^[\s(,;:.…-]+|[\s(,;:…-]+$/g, "");
  const labelled = withoutLabel(clean, year);
  // Only a leading label dates an item, or a bare date (a chronology note's "Oct. 4, 2024 [2]"): prose
  // that merely mentions a year is not about that year.
  const whole = findDates(clean, year)[0];
  const date = labelled.date ?? (whole && whole.index === 0 && whole.text.length >= clean.length - 1 ? whole.range : undefined);
  return { ...(n ? { n: Number(n) } : {}), ...(date ? { date } : {}), ...(labelled.label ? { label: labelled.label } : {}), text: labelled.text };
}

/** Splits a leading "<date>: " label from an entry's words. */
function withoutLabel(text: string, year: number): { text: string; label?: string; date?: DateRange } {
  const first = findDates(text, year)[0];
  if (!first || first.index !== 0) return { text: text.trim() };
  const rest = text.slice(first.text.length);
  const m = /^\s*(?:,\s*\d{4})?\s*:\s*/.exec(rest);
  if (!m) return { text: text.trim() };
  return { text: rest.slice(m[0].length).trim(), label: text.slice(0, first.text.length + m[0].length).replace(/\s*:\s*$/, ""), date: first.range };
}
