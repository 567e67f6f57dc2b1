/**
 * `npm run train`: fits the reranker and the answerer's three models (which sentence answers, how sure
 * the answer is, whether anything retrieved is relevant) on every labelled corpus the eval knows but
 * those held out of fitting, validates them leave-one-corpus-out, chooses the thresholds from that
 * validation, and writes src/model/answer-models.json. Prints the validation table (Markdown) for the
 * README; on stderr, how accuracy and refusals trade at a few thresholds. TRAIN_DUMP=FILE also writes
 * every held-out judgement (question, draft, confidence, features) as JSON lines, to study failures;
 * TRAIN_OUT=FILE writes the models there instead, to compare a variant without replacing the committed
 * ones.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ANSWER_FEATURES, RELEVANCE_FEATURES, SENTENCE_FEATURES } from "../../src/answer/features.js";
import type { AnswerInput } from "../../src/answer/index.js";
import { rerank, rerankFeatures, RERANK_FEATURES } from "../../src/retrieve/rerank.js";
import type { LogisticModel } from "../../src/model/logistic.js";
import { assess, type Assessment } from "../../src/answer/extractive.js";
import type { AnswerModels } from "../../src/model/answer-models.js";
import { MODELS_URL } from "../../src/model/answer-models.js";
import { containsAnySource, satisfiesMustInclude, auroc } from "../../evals/metrics.js";
import { chunkFacts } from "../../src/answer/chunk-facts.js";
import { collectCorpora, type TrainingCorpus, type TrainingQuestion } from "./collect.js";
import { fitConditionalLogit, fitLogistic, type Choice, type Example } from "./fit-logistic.js";

// A model that says nothing yet: used to compute features before anything is fitted.
const flat = (features: readonly string[]) => ({ features: [...features], mean: features.map(() => 0), scale: features.map(() => 1), weights: features.map(() => 0), bias: 0 });
const START: AnswerModels = { reranker: flat(RERANK_FEATURES), ranker: flat(SENTENCE_FEATURES), confidence: flat(ANSWER_FEATURES), relevance: flat(RELEVANCE_FEATURES), thresholds: { answer: 0.5, related: 0.5 } };

/** Whether a candidate sentence, quoted as the answerer quotes it, holds the answer. */
function candidateHoldsAnswer(q: TrainingQuestion, chunkText: string, quoted: string): boolean {
  if (!q.item.answerable) return false;
  const sourced = q.item.sources.length === 0 || containsAnySource(chunkText, q.item.sources);
  return sourced && satisfiesMustInclude(quoted, q.item.mustInclude);
}

interface Judged {
  corpus: string;
  question: string;
  answerable: boolean;
  assessment: Assessment;
  /** The draft, if given, would be right. */
  correct: boolean;
  /** Some passage among those shown with a low-confidence refusal supports the answer. */
  relatedSupports: boolean;
  /** The first retrieved passage holds the answer (recall@1). */
  topHolds: boolean;
}

/** What the answerer is handed for a question: the fused candidates reranked by this reranker, the top eight. */
function inputOf(corpus: TrainingCorpus, q: TrainingQuestion, reranker: LogisticModel): AnswerInput {
  const sources = rerank(reranker, q.analysis, q.fused, corpus.chronicle.retriever.context)
    .slice(0, SOURCES)
    .map(({ chunk, score, bm25, dense }) => ({ chunk, score, bm25, dense }));
  return { question: q.item.question, analysis: q.analysis, sources };
}

const SOURCES = 8;

function judge(corpus: TrainingCorpus, models: AnswerModels): Judged[] {
  const context = corpus.chronicle.retriever.context;
  return corpus.questions.map((q) => {
    const input = inputOf(corpus, q, models.reranker);
    const assessment = assess(input, context, models);
    const correct = q.item.answerable && assessment.draft.citations.length > 0 && satisfiesMustInclude(assessment.draft.text, q.item.mustInclude);
    const shown = [...new Set(assessment.ranked.map((c) => c.chunk.id))].slice(0, 3).map((id) => context.byId.get(id)!.text);
    const topHolds = q.item.answerable && containsAnySource(input.sources[0]?.chunk.text ?? "", q.item.sources);
    return { corpus: corpus.name, question: q.item.question, answerable: q.item.answerable, assessment, correct, topHolds, relatedSupports: q.item.answerable && shown.some((text) => containsAnySource(text, q.item.sources)) };
  });
}

/** Each corpus weighs the same in fitting, however many questions it has. */
function corpusWeight(corpus: TrainingCorpus, all: TrainingCorpus[]): number {
  const total = all.reduce((sum, c) => sum + c.questions.length, 0);
  return total / all.length / corpus.questions.length;
}

function fitModels(training: TrainingCorpus[], thresholds = START.thresholds): AnswerModels {
  // The reranker first: which fused candidate holds the answer, among each question's candidates.
  const passageChoices: Choice[] = [];
  for (const corpus of training) {
    const weight = corpusWeight(corpus, training);
    for (const q of corpus.questions) {
      if (!q.item.answerable || !q.fused.length) continue;
      const positive = q.fused.map((c) => containsAnySource(c.chunk.text, q.item.sources));
      if (!positive.some(Boolean) || positive.every(Boolean)) continue;
      passageChoices.push({ rows: rerankFeatures(q.analysis, q.fused, corpus.chronicle.retriever.context), positive, weight });
    }
  }
  const reranker = fitConditionalLogit(RERANK_FEATURES, passageChoices);
  const choices: Choice[] = [];
  for (const corpus of training) {
    const weight = corpusWeight(corpus, training);
    const context = corpus.chronicle.retriever.context;
    for (const q of corpus.questions) {
      if (!q.item.answerable) continue;
      const { ranked } = assess(inputOf(corpus, q, reranker), context, START);
      const labelled = ranked.map((c) => {
        const sentences = chunkFacts(c.chunk, context.year).sentences;
        const quoted = c.chunk.kind === "chronology" ? c.chunk.text : [sentences[c.index]?.text, sentences[c.index + 1]?.text].filter(Boolean).join(" ");
        return { x: c.features, y: candidateHoldsAnswer(q, c.chunk.text, quoted) ? 1 as const : 0 as const };
      });
      // A question none of whose candidates holds the answer teaches the ranker nothing.
      if (!labelled.some((e) => e.y) || labelled.every((e) => e.y)) continue;
      choices.push({ rows: labelled.map((e) => e.x), positive: labelled.map((e) => e.y === 1), weight });
    }
  }
  const ranker = fitConditionalLogit(SENTENCE_FEATURES, choices);
  const withRanker: AnswerModels = { ...START, reranker, ranker };
  const confidenceExamples: Example[] = [];
  const relevanceExamples: Example[] = [];
  for (const corpus of training) {
    const weight = corpusWeight(corpus, training);
    judge(corpus, withRanker).forEach((j, i) => {
      const q = corpus.questions[i]!;
      if (j.assessment.answerFeatures) confidenceExamples.push({ x: j.assessment.answerFeatures, y: j.correct ? 1 : 0, weight });
      if (j.assessment.relevanceFeatures) {
        const top = inputOf(corpus, q, reranker).sources.slice(0, 3).map((s) => s.chunk.text);
        relevanceExamples.push({ x: j.assessment.relevanceFeatures, y: q.item.answerable && top.some((text) => containsAnySource(text, q.item.sources)) ? 1 : 0, weight });
      }
    });
  }
  return { reranker, ranker, confidence: fitLogistic(ANSWER_FEATURES, confidenceExamples, 1), relevance: fitLogistic(RELEVANCE_FEATURES, relevanceExamples, 1), thresholds };
}

/** Figures of one corpus's questions at given thresholds. */
function figures(judged: Judged[], thresholds: AnswerModels["thresholds"]) {
  const answerable = judged.filter((j) => j.answerable);
  const unanswerable = judged.filter((j) => !j.answerable);
  const answered = (j: Judged) => j.assessment.kind !== "none" && j.assessment.draft.citations.length > 0 && j.assessment.confidence >= thresholds.answer;
  const shown = (j: Judged) => !answered(j) && j.assessment.kind !== "none" && j.assessment.relevance >= thresholds.related;
  const share = (list: Judged[], test: (j: Judged) => boolean) => (list.length ? list.filter(test).length / list.length : 0);
  const early = (j: Judged) => j.assessment.kind === "none";
  return {
    n: judged.length,
    recallAt1: share(answerable, (j) => j.topHolds),
    accuracy: share(answerable, (j) => answered(j) && j.correct),
    refusals: share(unanswerable, (j) => !answered(j)),
    falseRefusals: share(answerable, (j) => !answered(j)),
    bareFalseRefusals: share(answerable, (j) => !answered(j) && !(shown(j) && j.relatedSupports)),
    auroc: auroc(judged.map((j) => ({ score: early(j) ? 0 : j.assessment.confidence, positive: answered(j) && j.correct }))),
    confidenceAuroc: auroc(judged.map((j) => ({ score: early(j) ? 0 : j.assessment.confidence, positive: j.correct }))),
    sentenceAccuracy: share(answerable, (j) => j.correct),
  };
}

/** The threshold pair that validation prefers: best mean of accuracy and refusals over corpora, then few bare false refusals. */
function chooseThresholds(byCorpus: Map<string, Judged[]>): AnswerModels["thresholds"] {
  let best = { answer: 0.5, related: 0.5 };
  let bestScore = -Infinity;
  for (let answer = 0.05; answer <= 0.951; answer += 0.01) {
    const score = mean([...byCorpus.values()].map((judged) => {
      const f = figures(judged, { answer, related: 0 });
      return (f.accuracy + f.refusals) / 2;
    }));
    if (score > bestScore + 1e-9) [best, bestScore] = [{ answer, related: 0 }, score];
  }
  // The highest relevance bar that still shows a supporting passage for nearly every answerable question it refuses.
  for (let related = 0.95; related >= 0; related -= 0.01) {
    const bare = mean([...byCorpus.values()].map((judged) => figures(judged, { answer: best.answer, related }).bareFalseRefusals));
    const floor = mean([...byCorpus.values()].map((judged) => figures(judged, { answer: best.answer, related: 0 }).bareFalseRefusals));
    if (bare <= floor + 0.01) return { answer: round(best.answer, 2), related: round(related, 2) };
  }
  return { answer: round(best.answer, 2), related: 0 };
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

function round(value: number, digits = 3): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

async function main(): Promise<void> {
  const log = (line: string) => console.error(line);
  const corpora = await collectCorpora(log);
  try {
    // Leave one corpus out: fit on the others, judge the one left out.
    const heldOut = new Map<string, Judged[]>();
    for (const corpus of corpora) {
      const models = fitModels(corpora.filter((c) => c !== corpus && c.name !== process.env.TRAIN_WITHOUT));
      heldOut.set(corpus.name, judge(corpus, models));
      log(`fold ${corpus.name}: fitted on ${corpora.length - 1} other corpora`);
    }
    if (process.env.TRAIN_DUMP) {
      const lines = [...heldOut.values()].flat().map((j) => JSON.stringify({ corpus: j.corpus, q: j.assessment.draft && j.question, answerable: j.answerable, correct: j.correct, confidence: round(j.assessment.confidence), kind: j.assessment.kind, draft: j.assessment.draft.text.slice(0, 200), features: j.assessment.answerFeatures?.map((v) => round(v)) }));
      writeFileSync(process.env.TRAIN_DUMP, `${lines.join("\n")}\n`);
    }
    const thresholds = chooseThresholds(heldOut);
    for (const [name, judged] of heldOut) {
      const avg = (list: Judged[]) => (list.reduce((sum, j) => sum + j.assessment.confidence, 0) / Math.max(1, list.length)).toFixed(2);
      log(`${name}: mean confidence right ${avg(judged.filter((j) => j.correct))}, wrong ${avg(judged.filter((j) => j.answerable && !j.correct))}, unanswerable ${avg(judged.filter((j) => !j.answerable))}`);
    }
    for (const answer of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7]) {
      log(`at ${answer}: ${[...heldOut].map(([name, judged]) => { const f = figures(judged, { answer, related: 0 }); return `${name} ${f.accuracy.toFixed(2)}/${f.refusals.toFixed(2)}`; }).join("  ")}`);
    }
    const final = fitModels(corpora, thresholds);
    const rows = corpora.map((corpus) => ({ corpus: corpus.name, ...figures(heldOut.get(corpus.name)!, thresholds) }));
    const table = [
      "| held-out corpus | questions | R@1 | accuracy | refusals of unanswerable | false refusals | ... with no supporting passage shown | confidence AUROC | right sentence found |",
      "|---|---|---|---|---|---|---|---|---|",
      ...rows.map((r) => `| ${r.corpus} | ${r.n} | ${r.recallAt1.toFixed(2)} | ${r.accuracy.toFixed(2)} | ${r.refusals.toFixed(2)} | ${r.falseRefusals.toFixed(2)} | ${r.bareFalseRefusals.toFixed(2)} | ${r.confidenceAuroc.toFixed(2)} | ${r.sentenceAccuracy.toFixed(2)} |`),
    ].join("\n");
    const file = {
      note: "Fitted by npm run train (scripts/train/): logistic regressions over the features of src/answer/features.ts. Thresholds chosen by leave-one-corpus-out validation.",
      trainedOn: corpora.map((c) => ({ corpus: c.name, questions: c.questions.length })),
      thresholds,
      validation: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? round(v) : v]))),
      reranker: final.reranker,
      ranker: final.ranker,
      confidence: final.confidence,
      relevance: final.relevance,
    };
    writeFileSync(process.env.TRAIN_OUT ?? fileURLToPath(MODELS_URL), `${JSON.stringify(file, null, 1)}\n`);
    console.log(`Thresholds: answer at confidence ≥ ${thresholds.answer}, show related passages at relevance ≥ ${thresholds.related}\n`);
    console.log(table);
  } finally {
    await Promise.all(corpora.map((c) => c.chronicle.close()));
  }
}

main().catch((error: unknown) => {
  console.error(`train: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
