/**
 * CLI for the eval suite: `npm run eval [-- --corpus DIR --file PATH] [--json] [--retrieval hybrid|bm25|dense]`.
 * With a file it prints a per-question table and a summary; without one it runs every corpus the eval
 * knows (evals/suites.ts) and prints a row per question set. With --json the LAST stdout line is the
 * summary as JSON (for a full run: the main set's summary, with every set's under `suites`).
 * Every failure is reported as one line on stderr with exit code 1, never a stack trace.
 */
import { createHash } from "node:crypto";
import { basename, resolve } from "node:path";
import { openChronicle } from "../src/chronicle.js";
import { loadConfig } from "../src/config.js";
import { parseCliArgs, type CliOptions } from "./cli-args.js";
import { loadConversations } from "./conversations.js";
import { loadDataset } from "./dataset.js";
import { formatSummary, suiteHeader, suiteRow, tableHeader, tableRow } from "./report.js";
import { runConversations } from "./run-conversations.js";
import { runEval, type EvalTarget } from "./run-eval.js";
import { findSuites, type EvalSuite } from "./suites.js";
import type { Summary } from "./metrics.js";

async function open(suite: Pick<EvalSuite, "corpusDir" | "dataDir">, retrieval: CliOptions["retrieval"]) {
  // The environment's settings (an LLM, another embedder) apply, as for `npm start`.
  const chronicle = await openChronicle({ config: { ...loadConfig(), EMBED_WORKERS: 0, CORPUS_DIR: suite.corpusDir, DATA_DIR: suite.dataDir } });
  const target: EvalTarget = {
    ask: (question: string) => chronicle.ask(question, { retrieval }),
    retrieve: (question: string, opts: { k: number }) => chronicle.retrieve(question, { ...opts, retrieval }),
    chunk: (id: string) => chronicle.chunk(id),
  };
  return { chronicle, target };
}

async function runOne(options: CliOptions & { file: string }): Promise<void> {
  const items = await loadDataset(options.file);
  const main = findSuites()[0]!;
  const corpusDir = options.corpus ? resolve(options.corpus) : main.corpusDir;
  const dataDir = options.corpus ? resolve("data", "eval", `adhoc-${createHash("sha1").update(corpusDir).digest("hex").slice(0, 8)}`) : main.dataDir;
  const { chronicle, target } = await open({ corpusDir, dataDir }, options.retrieval);
  console.log(tableHeader());
  const { summary } = await runEval(target, items, { onRecord: (record) => console.log(tableRow(record)) }).finally(() => chronicle.close());
  console.log("");
  console.log(formatSummary(summary));
  // Written last, after close(), so nothing the assistant logs can land after it.
  if (options.json) console.log(JSON.stringify(summary));
}

async function runAll(options: CliOptions): Promise<void> {
  const results: Array<{ suite: string; file: string; summary: Summary }> = [];
  console.log(suiteHeader());
  for (const suite of findSuites()) {
    const { chronicle, target } = await open(suite, options.retrieval);
    try {
      for (const file of suite.files) {
        const { summary } = await runEval(target, await loadDataset(file));
        results.push({ suite: suite.name, file: basename(file), summary });
        console.log(suiteRow(suite.name, basename(file), summary));
      }
      if (suite.conversations) {
        const { summary, standalone } = await runConversations(chronicle, await loadConversations(suite.conversations));
        results.push({ suite: suite.name, file: basename(suite.conversations), summary });
        console.log(suiteRow(suite.name, basename(suite.conversations), summary, standalone));
      }
    } finally {
      await chronicle.close();
    }
  }
  if (options.json) {
    const head = results[0]!.summary;
    console.log(JSON.stringify({ ...head, suites: results.map(({ suite, file, summary }) => ({ suite, file, ...summary })) }));
  }
}

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  await (options.file ? runOne({ ...options, file: options.file }) : runAll(options));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`eval: ${message.split("\n")[0]}`);
  process.exitCode = 1;
});
