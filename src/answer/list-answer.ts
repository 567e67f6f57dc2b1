import type { Chunk } from "../index/chunk.js";
import type { PeriodMention } from "../dates/find-periods.js";
import type { QuestionAnalysis } from "../retrieve/question.js";
import { MONTH_NAMES } from "../dates/index.js";
import { citedItem, listLine, type CitedItem } from "./answer-text.js";
import type { CitationList } from "./citations.js";
import { firstWords, itemLabel, stripLabel } from "./passage.js";

const LIST_ITEM_LIMIT = 170;
const MAX_LIST = 12;

/**
 * A date-ordered list of chronology entries, one citation each: every entry for "what happened in ...",
 * the count for "how many ...", the one entry for "first/last ...".
 */
export function listAnswer(analysis: QuestionAnalysis, selected: Chunk[], cites: CitationList): string {
  const item = (entry: Chunk): CitedItem | undefined => {
    const quote = firstWords(stripLabel(entry), LIST_ITEM_LIMIT);
    const n = cites.cite(entry, quote.replace(/…$/, ""));
    return n ? { label: itemLabel(entry), text: quote, n } : undefined;
  };
  if (analysis.intent === "first" || analysis.intent === "last") {
    const pick = item(analysis.intent === "first" ? selected[0] : selected[selected.length - 1]);
    const others = selected.length > 1 ? ` (${selected.length} matching entries, from ${itemLabel(selected[0])} to ${itemLabel(selected[selected.length - 1])})` : "";
    return pick ? `The ${analysis.intent} was on ${citedItem(pick)}${others}` : "";
  }
  // "in 2024", "before June" already say how they bound the list; a bare "March 2023" needs a "for".
  const where = analysis.periods.length ? ` ${analysis.periods.map(periodWords).join(" and ")}` : "";
  const head = analysis.intent === "count"
    ? `${countPhrase(selected.length, analysis.countNoun)}${where}, according to the timeline:`
    : `The timeline lists ${selected.length} ${selected.length === 1 ? "entry" : "entries"}${where}`;
  const months = byMonth(selected);
  // A long period is told month by month, each month's first entry quoted and cited, so the answer stays short.
  if (selected.length > MAX_LIST && months.length > 1 && analysis.intent !== "count") {
    const lines = months.slice(0, MAX_LIST).map(({ label, entries }) => {
      const first = entries[0]!;
      const quote = firstWords(stripLabel(first), MONTH_ITEM_LIMIT);
      const n = cites.cite(first, quote.replace(/…$/, ""));
      return n ? listLine({ label, text: quote, n }, entries.length - 1) : undefined;
    }).filter(Boolean);
    const more = months.length > MAX_LIST ? `\n(and ${months.length - MAX_LIST} more months)` : "";
    return `${head}, by month:\n${lines.join("\n")}${more}`;
  }
  const shown = selected.slice(0, MAX_LIST).map(item).filter((cited): cited is CitedItem => cited !== undefined);
  const more = selected.length > MAX_LIST ? `\n(and ${selected.length - MAX_LIST} more)` : "";
  return `${head}${analysis.intent === "count" ? "" : ":"}\n${shown.map((cited) => listLine(cited)).join("\n")}${more}`;
}

const MONTH_ITEM_LIMIT = 90;

/** Entries grouped by the month they start in, in order: "March 2023" and its entries. */
function byMonth(entries: Chunk[]): Array<{ label: string; entries: Chunk[] }> {
  const groups = new Map<string, Chunk[]>();
  for (const entry of entries) {
    const key = entry.date!.start.slice(0, 7);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups].map(([key, list]) => ({ label: `${MONTH_NAMES[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`, entries: list }));
}

/**
 * How the answer names a period the question asked about: "in 2024", "before June 2024", "for March 2023".
 * A month or day asked without its year gets the year it was read in, so the answer says which March.
 */
function periodWords(period: PeriodMention): string {
  const bounded = /^(in|on|during|before|after|since|until|till|by|between|from|through|throughout)\b/i.test(period.text);
  const typed = asWritten(period.text);
  const text = bounded ? typed : `for ${typed}`;
  if (period.explicitYear || period.precision === "year" || /\b\d{4}\b/.test(period.text)) return text;
  // An open bound ("before June") runs from the start of time: its year is the year of the end it names.
  const year = (period.relation === "before" ? period.range.end : period.range.start).slice(0, 4);
  return `${text} ${year}`;
}

// Month names and their short forms, which English writes with a capital however the question typed them.
const MONTH_WORDS = new Set(MONTH_NAMES.flatMap((name) => [name.toLowerCase(), name.slice(0, 3).toLowerCase()]).concat("sept"));

/** The period as the question typed it, with months and quarters written as prose writes them: "in november 2024" → "in November 2024", "q3" → "Q3". */
function asWritten(text: string): string {
  return text.replace(/\p{L}+\d*/gu, (word) => {
    if (MONTH_WORDS.has(word.toLowerCase())) return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
    return /^q[1-4]$/i.test(word) ? word.toUpperCase() : word;
  });
}

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/** "Two joint bomber patrols", "14 entries": the count said once, in words up to twelve as prose writes it. */
function countPhrase(n: number, noun = "entries"): string {
  const count = n < NUMBER_WORDS.length ? NUMBER_WORDS[n] : String(n);
  return `${count.charAt(0).toUpperCase()}${count.slice(1)} ${noun}`;
}
