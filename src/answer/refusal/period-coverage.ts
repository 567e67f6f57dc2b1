import type { Chunk, DateRange } from "../../index/chunk.js";
import { findDates, formatRange, overlaps, rangeDistance } from "../../dates/index.js";
import type { QuestionAnalysis } from "../../retrieve/question.js";
import type { Retrieved } from "../../retrieve/retriever.js";
import { firstWords, stripLabel } from "../passage.js";

const PAST_TENSE = /\b(did|was|were|happened|took place|resulted|results?|outcome|ended|held)\b/i;

/** The question names only periods the corpus has nothing on (say 2019 while it covers 2024). */
export function outOfCoverage(analysis: QuestionAnalysis, coverage: DateRange | undefined, year: number, sources: Retrieved[]) {
  if (!coverage || !analysis.dates.length) return undefined;
  if (analysis.dates.some((m) => overlaps(m.range, coverage))) return undefined;
  // Results of a time after the corpus was written cannot be in it, even where it mentions plans for then.
  if (analysis.dates.every((m) => m.range.start > coverage.end) && PAST_TENSE.test(analysis.text)) return analysis.dates[0];
  // The article may still speak of another period ("bilateral trade in 2023"): then it is not out of range.
  const spoken = sources.slice(0, 3).flatMap((s) => findDates(s.chunk.text, year));
  const mentioned = analysis.dates.some((m) => spoken.some((d) => overlaps(d.range, m.range) && d.precision !== "year" || d.text === m.text));
  return mentioned ? undefined : analysis.dates[0];
}

/** Says which period the corpus covers, and the entries nearest the one asked about. */
export function outsideMessage(mention: { text: string; range: DateRange }, entries: Chunk[], coverage: DateRange): string {
  const nearest = [...entries]
    .sort((a, b) => rangeDistance(a.date!, mention.range) - rangeDistance(b.date!, mention.range))
    .slice(0, 2)
    .map((entry) => `${entry.dateLabel} (${firstWords(stripLabel(entry), 60)})`);
  return `The corpus does not cover ${mention.text}: its dated entries run from ${formatRange({ start: coverage.start, end: coverage.start })} to ${formatRange({ start: coverage.end, end: coverage.end })}. Nearest entries: ${nearest.join("; ")}.`;
}
