import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { SingleBar, Presets } from "cli-progress";
import { loadConfig } from "../config.js";
import { closeEmbedder, createEmbedder } from "../chronicle.js";
import { ensureIndex } from "../index/index.js";
import { createLogger } from "../logger.js";
import { addDocument, removeDocument } from "../index/corpus-edits.js";
import { runCli } from "./cli-error.js";

const USAGE = "usage: npm run ingest [-- --force] [-- --add FILE]... [-- --remove NAME]...";

/** What the command line asks for: documents to add and remove first, then an ingest. */
function parseArgs(args: string[]): { force: boolean; add: string[]; remove: string[] } {
  const options = { force: false, add: [] as string[], remove: [] as string[] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--force") options.force = true;
    else if (arg === "--add" || arg === "--remove") {
      const value = args[++i];
      if (!value || value.startsWith("--")) throw new Error(`${arg} needs a ${arg === "--add" ? "file" : "document name"}. ${USAGE}`);
      (arg === "--add" ? options.add : options.remove).push(value);
    } else throw new Error(`unknown option ${arg}. ${USAGE}`);
  }
  return options;
}

runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const corpusDir = resolve(config.CORPUS_DIR);
  // Files are all read first, so a missing path changes nothing; a file that is not a readable document is refused with why.
  const additions = await Promise.all(args.add.map(async (path) => {
    const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot read ${path}: ${error.code ?? error.message}`);
    });
    return { name: basename(path), bytes };
  }));
  for (const { name, bytes } of additions) {
    const added = await addDocument(corpusDir, name, bytes, config.MAX_DOCUMENT_BYTES);
    process.stdout.write(`${added.created ? "added" : "replaced"} ${added.name} (${added.type}, ${added.bytes} bytes)\n`);
  }
  for (const name of args.remove) {
    if (!(await removeDocument(corpusDir, name))) throw new Error(`no document named ${name} in ${config.CORPUS_DIR}`);
    process.stdout.write(`removed ${name}\n`);
  }
  // The server's embedder: the local encoder on EMBED_WORKERS threads (a batch in flight on each), or the OpenAI one.
  const embedder = await createEmbedder(config);

  // A bar on a terminal; on a pipe or in CI, a plain line every quarter of the way.
  const bar = process.stderr.isTTY ? new SingleBar({ format: "embedding {bar} {value}/{total} chunks", stream: process.stderr }, Presets.shades_classic) : undefined;
  let lastQuarter = -1;
  const onProgress = (done: number, total: number) => {
    if (bar) {
      if (done === Math.min(total, embedder.maxBatch) || !bar.getTotal()) bar.start(total, 0);
      bar.update(done);
      return;
    }
    const quarter = Math.floor((done / total) * 4);
    if (quarter !== lastQuarter) {
      lastQuarter = quarter;
      process.stderr.write(`embedding ${done}/${total} chunks\n`);
    }
  };

  const result = await ensureIndex({
    corpusDir,
    dataDir: resolve(config.DATA_DIR),
    embedder,
    logger: createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL),
    onProgress,
    concurrency: Math.max(1, config.EMBED_WORKERS),
    force: args.force,
    maxDocumentBytes: config.MAX_DOCUMENT_BYTES,
  }).finally(() => closeEmbedder(embedder));
  bar?.stop();
  const { counts } = result.index.manifest;
  const what = result.rebuilt ? `built (${result.reason})` : "already up to date";
  const embedded = result.rebuilt ? `, ${result.embedded ?? 0} embedded` : "";
  process.stdout.write(
    `index ${what}: ${counts.documents} document(s), ${counts.chunks} chunks, ${counts.chronology} chronology entries${embedded}, ${result.seconds.toFixed(2)} s\n`,
  );
  for (const file of result.skipped) process.stdout.write(`skipped ${file.name}: ${file.message}\n`);
});
