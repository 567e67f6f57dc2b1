import { openChronicle, type Chronicle } from "../../src/chronicle.js";
import { loadConfig } from "../../src/config.js";
import type { Answerer, AnswerInput } from "../../src/answer/index.js";
import type { FusedCandidate } from "../../src/retrieve/rerank.js";
import { loadDataset, type QaItem } from "../../evals/dataset.js";
import { findSuites, SQUAD_DIR } from "../../evals/suites.js";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

/** One labelled question with what retrieval fused for it: reranking and answering are re-run from here, the searches are not. */
export interface TrainingQuestion {
  item: QaItem;
  analysis: AnswerInput["analysis"];
  fused: FusedCandidate[];
}

/** A corpus and its labelled questions, ready to fit and validate on. */
export interface TrainingCorpus {
  name: string;
  chronicle: Chronicle;
  questions: TrainingQuestion[];
}


const notUsed: Answerer = {
  answer: () => Promise.reject(new Error("training runs answering itself")),
  // eslint-disable-next-line require-yield
  async *stream() {
    throw new Error("training runs answering itself");
  },
};
const CONCURRENT = 16;

/**
 * Opens every corpus the eval knows but those held out of fitting, with all of its question sets (the
 * SQuAD 2.0 benchmark with all of its questions, not only the sample), and runs both searches and their
 * fusion for each question once.
 */
export async function collectCorpora(log: (line: string) => void): Promise<TrainingCorpus[]> {
  const suites = findSuites().filter((suite) => suite.fitted).map((suite) => {
    if (suite.name !== "squad2-dev") return suite;
    const full = resolve(SQUAD_DIR, "qa.jsonl");
    return existsSync(full) ? { ...suite, files: [full] } : suite;
  });
  const corpora: TrainingCorpus[] = [];
  for (const suite of suites) {
    const started = performance.now();
    // Training asks nothing of the configured answerer: it runs answering itself, with the models being fitted.
    const chronicle = await openChronicle({ config: { ...loadConfig(), CORPUS_DIR: suite.corpusDir, DATA_DIR: suite.dataDir }, answerer: notUsed, models: "none" });
    const items = (await Promise.all(suite.files.map((file) => loadDataset(file)))).flat();
    const questions: TrainingQuestion[] = [];
    for (let i = 0; i < items.length; i += CONCURRENT) {
      const batch = items.slice(i, i + CONCURRENT);
      questions.push(...(await Promise.all(batch.map(async (item) => {
        const analysis = chronicle.retriever.analyze(item.question);
        return { item, analysis, fused: await chronicle.retriever.fusedCandidates(item.question, { analysis }) };
      }))));
    }
    log(`${suite.name}: ${questions.length} questions from ${suite.files.map((file) => file.split("/").at(-1)).join(", ")} (${Math.round(performance.now() - started) / 1000} s)`);
    corpora.push({ name: suite.name, chronicle, questions });
  }
  return corpora;
}
