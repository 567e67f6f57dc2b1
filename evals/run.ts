/**
 * CLI for the eval suite: `npm run eval [-- --file PATH] [--json] [--retrieval hybrid|bm25|dense]`.
 * Prints a per-question table and a summary; with --json the LAST stdout line is the summary as JSON.
 * Every failure is reported as one line on stderr with exit code 1, never a stack trace.
 */
import { openChronicle } from "../src/chronicle.js";
import { parseCliArgs } from "./cli-args.js";
import { loadDataset } from "./dataset.js";
import { formatSummary, tableHeader, tableRow } from "./report.js";
import { runEval } from "./run-eval.js";

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  const items = await loadDataset(options.file);

  const chronicle = await openChronicle({ config: { EMBED_WORKERS: 0 } });
  console.log(tableHeader());
  const { retrieval } = options;
  const target = {
    ask: (question: string) => chronicle.ask(question, { retrieval }),
    retrieve: (question: string, opts: { k: number }) => chronicle.retrieve(question, { ...opts, retrieval }),
    chunk: (id: string) => chronicle.chunk(id),
  };
  const { summary } = await runEval(target, items, { onRecord: (record) => console.log(tableRow(record)) }).finally(
    () => chronicle.close(),
  );

  console.log("");
  console.log(formatSummary(summary));
  // Written last, after close(), so nothing the assistant logs can land after it.
  if (options.json) console.log(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`eval: ${message.split("\n")[0]}`);
  process.exitCode = 1;
});
