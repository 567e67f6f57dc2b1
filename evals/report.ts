import { scoreRecord, type EvalRecord, type Summary } from "./metrics.js";

const COLUMNS = [
  { title: "id", width: 36 },
  { title: "rank", width: 5 },
  { title: "answer", width: 9 },
  { title: "result", width: 6 },
  { title: "ms", width: 8 },
] as const;

/** Header line of the per-question table. */
export function tableHeader(): string {
  return [formatRow(COLUMNS.map((c) => c.title)), formatRow(COLUMNS.map((c) => "-".repeat(c.width)))].join("\n");
}

/** One table row: id, rank of the first source in the retrieved list, answered/refused, pass/fail, latency. */
export function tableRow(record: EvalRecord): string {
  const score = scoreRecord(record);
  return formatRow([
    score.id,
    score.answerable ? (score.firstSourceRank === null ? "-" : String(score.firstSourceRank)) : "n/a",
    score.refused ? "refused" : "answered",
    score.passed ? "pass" : "FAIL",
    record.latencyMs.toFixed(1),
  ]);
}

/** Human-readable summary block printed after the table. */
export function formatSummary(summary: Summary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    `questions      ${summary.n} (${summary.answerable} answerable, ${summary.n - summary.answerable} unanswerable)`,
    `retrieval      recall@1 ${pct(summary.retrieval.recallAt1)}  recall@5 ${pct(summary.retrieval.recallAt5)}  MRR ${summary.retrieval.mrr.toFixed(3)}`,
    `answers        accuracy ${pct(summary.answers.accuracy)}  median length ${summary.answers.medianChars} chars`,
    `citations      hit rate ${pct(summary.citations.hitRate)}  precision ${pct(summary.citations.precision)}`,
    `refusals       accuracy ${pct(summary.refusals.accuracy)}  false refusals ${pct(summary.refusals.falseRefusalRate)} (${pct(summary.refusals.bareFalseRefusalRate)} with no supporting passage shown)`,
    `               reasons ${Object.entries(summary.refusals.reasons).map(([reason, n]) => `${reason} ${n}`).join(", ") || "none"}`,
    `confidence     AUROC ${summary.confidence.auroc.toFixed(3)}`,
    `latency        p50 ${summary.latencyMs.p50} ms  p95 ${summary.latencyMs.p95} ms`,
  ].join("\n");
}

const SUITE_COLUMNS = ["corpus", "questions", "n", "R@1", "R@5", "accuracy", "refuse unans.", "false ref.", "bare false ref.", "AUROC", "median chars", "p50 ms"];
const SUITE_WIDTHS = [14, 22, 4, 5, 5, 8, 13, 10, 15, 6, 12, 7];

/** Header of the one-row-per-question-set table of a full run. */
export function suiteHeader(): string {
  return [suiteLine(SUITE_COLUMNS), suiteLine(SUITE_WIDTHS.map((w) => "-".repeat(w)))].join("\n");
}

/** One question set's row; for conversations, how many standalone turns the rewrite left unchanged. */
export function suiteRow(suite: string, file: string, s: Summary, standalone?: { n: number; unchanged: number }): string {
  const f = (x: number) => x.toFixed(2);
  const row = suiteLine([suite, file, String(s.n), f(s.retrieval.recallAt1), f(s.retrieval.recallAt5), f(s.answers.accuracy),
    f(s.refusals.accuracy), f(s.refusals.falseRefusalRate), f(s.refusals.bareFalseRefusalRate), f(s.confidence.auroc),
    String(s.answers.medianChars), String(s.latencyMs.p50)]);
  return standalone ? `${row}  (standalone turns unchanged: ${standalone.unchanged}/${standalone.n})` : row;
}

function suiteLine(cells: string[]): string {
  return cells.map((cell, i) => (i < 2 ? cell.padEnd(SUITE_WIDTHS[i]!) : cell.padStart(SUITE_WIDTHS[i]!))).join("  ").trimEnd();
}

function formatRow(cells: readonly string[]): string {
  return cells
    .map((cell, i) => {
      const width = COLUMNS[i]!.width;
      const text = cell.length > width ? `${cell.slice(0, width - 1)}…` : cell;
      // Numbers read best right-aligned.
      return i === 0 || i === 2 || i === 3 ? text.padEnd(width) : text.padStart(width);
    })
    .join("  ")
    .trimEnd();
}
