import type { QaItem } from "./dataset.js";
import { summarize, type EvalRecord, type Summary } from "./metrics.js";

/**
 * The slice of the Chronicle API the eval needs. Declared here, structurally,
 * so the eval depends on the published contract rather than on src/ internals.
 */
export interface EvalTarget {
  ask(question: string): Promise<{
    answer: string;
    refused: boolean;
    citations: Array<{ id: string }>;
    sources?: Array<{ id: string; text: string }>;
    confidence?: number;
    refusal?: { reason: string };
    /** Passages shown beside a refusal as the closest the documents come. */
    related?: Array<{ id: string }>;
  }>;
  retrieve(question: string, options: { k: number }): Promise<Array<{ chunk: { text: string } }>>;
  chunk(id: string): { text: string } | undefined;
}

/** Options for `runEval`. */
export interface RunEvalOptions {
  /** Called after each question, e.g. to print a table row while the run is still going. */
  onRecord?: (record: EvalRecord, index: number) => void;
}

/** Result of `runEval`: one record per item, in dataset order, and their summary. */
export interface EvalRun {
  records: EvalRecord[];
  summary: Summary;
}

/** How many retrieved chunks are kept: MRR looks this deep. */
const RETRIEVE_K = 20;

/** Runs every item against the assistant, sequentially so latencies are not skewed by contention. */
export async function runEval(chronicle: EvalTarget, items: QaItem[], options: RunEvalOptions = {}): Promise<EvalRun> {
  // One untimed warm-up ask, so lazy loading (model, index) does not land on the first question's latency.
  if (items.length > 0) await chronicle.ask(items[0]!.question);

  const records: EvalRecord[] = [];
  for (const [index, item] of items.entries()) {
    // Asked first, so its latency includes embedding the question; retrieval then reuses that embedding.
    const started = performance.now();
    const result = await chronicle.ask(item.question);
    const latencyMs = performance.now() - started;
    const hits = await chronicle.retrieve(item.question, { k: RETRIEVE_K });
    const record: EvalRecord = {
      item,
      retrievedTexts: hits.slice(0, RETRIEVE_K).map((hit) => hit.chunk.text),
      result: { answer: result.answer, refused: result.refused, confidence: result.confidence, refusalReason: result.refusal?.reason },
      relatedTexts: (result.related ?? []).map((passage) => chronicle.chunk(passage.id)?.text ?? ""),
      // A citation's own `text` is only an excerpt; sources are matched against the whole chunk.
      citedTexts: result.citations.map(
        (citation) =>
          chronicle.chunk(citation.id)?.text ?? result.sources?.find((source) => source.id === citation.id)?.text ?? "",
      ),
      latencyMs,
    };
    records.push(record);
    options.onRecord?.(record, index);
  }
  return { records, summary: summarize(records) };
}
