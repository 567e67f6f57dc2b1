import type { Chunk } from "../index/chunk.js";
import type { QuestionAnalysis } from "../retrieve/question.js";
import type { CitationList } from "./citations.js";
import { firstWords, itemLabel, stripLabel } from "./passage.js";

const LIST_ITEM_LIMIT = 170;
const MAX_LIST = 12;

/**
 * A date-ordered list of chronology entries, one citation each: every entry for "what happened in ...",
 * the count for "how many ...", the one entry for "first/last ...".
 */
export function listAnswer(analysis: QuestionAnalysis, selected: Chunk[], cites: CitationList): string {
  const item = (entry: Chunk) => {
    const quote = firstWords(stripLabel(entry), LIST_ITEM_LIMIT);
    const n = cites.cite(entry, quote.replace(/…$/, ""));
    return n ? `${itemLabel(entry)}: ${quote} [${n}]` : undefined;
  };
  if (analysis.intent === "first" || analysis.intent === "last") {
    const pick = analysis.intent === "first" ? selected[0] : selected[selected.length - 1];
    const line = item(pick);
    const others = selected.length > 1 ? ` (${selected.length} matching entries, from ${itemLabel(selected[0])} to ${itemLabel(selected[selected.length - 1])})` : "";
    return line ? `The ${analysis.intent} was on ${line}${others}` : "";
  }
  const shown = selected.slice(0, MAX_LIST).map(item).filter(Boolean);
  const where = analysis.periods.length ? ` for ${analysis.periods.map((p) => p.text).join(" and ")}` : "";
  const head = analysis.intent === "count"
    ? `${countPhrase(selected.length, analysis.countNoun)}${where}, according to the chronology:`
    : `The chronology lists ${selected.length} ${selected.length === 1 ? "entry" : "entries"}${where}:`;
  const more = selected.length > MAX_LIST ? `\n(and ${selected.length - MAX_LIST} more)` : "";
  return `${head}\n${shown.map((line) => `- ${line}`).join("\n")}${more}`;
}

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/** "3 times (three)", "2 joint bomber patrols (two)": the count in figures and in words. */
function countPhrase(n: number, noun = "entries"): string {
  return `${n} ${noun}${n < NUMBER_WORDS.length ? ` (${NUMBER_WORDS[n]})` : ""}`;
}
