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
    `refusals       accuracy ${pct(summary.refusals.accuracy)}  false refusals ${pct(summary.refusals.falseRefusalRate)}`,
    `latency        p50 ${summary.latencyMs.p50} ms  p95 ${summary.latencyMs.p95} ms`,
  ].join("\n");
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
