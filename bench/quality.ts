import { loadDataset } from "../evals/dataset.js";
import { runEval } from "../evals/run-eval.js";
import { openBenchChronicle } from "./open-chronicle.js";

export interface QualityRow {
  retrieval: "bm25" | "dense" | "hybrid";
  label: string;
  recallAt5: number;
  accuracy: number;
  p50Ms: number;
}

const LABELS = {
  bm25: "BM25 alone (MiniSearch)",
  dense: "Dense alone (LangChain HNSWLib similarity search)",
  hybrid: "Chronicle hybrid (BM25 + dense + dates + names)",
};

/** The eval set answered three ways, each a retrieval feeding the same answerer. */
export async function measureQuality(file = "evals/qa.jsonl"): Promise<QualityRow[]> {
  const items = await loadDataset(file);
  const chronicle = await openBenchChronicle();
  const rows: QualityRow[] = [];
  for (const retrieval of ["bm25", "dense", "hybrid"] as const) {
    const { summary } = await runEval(
      {
        ask: (question) => chronicle.ask(question, { retrieval }),
        retrieve: (question, opts) => chronicle.retrieve(question, { ...opts, retrieval }),
        chunk: (id) => chronicle.chunk(id),
      },
      items,
    );
    rows.push({ retrieval, label: LABELS[retrieval], recallAt5: summary.retrieval.recallAt5, accuracy: summary.answers.accuracy, p50Ms: summary.latencyMs.p50 });
  }
  await chronicle.close();
  return rows;
}
