import { resolve } from "node:path";
import { SingleBar, Presets } from "cli-progress";
import { loadConfig } from "../config.js";
import { createLocalEmbedder, createOpenAIEmbedder, ensureIndex } from "../index/index.js";
import { createLogger } from "../logger.js";
import { runCli } from "./cli-error.js";

const USAGE = "usage: npm run ingest [-- --force]";

runCli(async () => {
  const args = process.argv.slice(2);
  const unknown = args.find((arg) => arg !== "--force");
  if (unknown) throw new Error(`unknown option ${unknown}. ${USAGE}`);
  const config = loadConfig();
  const embedder = config.EMBEDDER === "openai"
    ? await createOpenAIEmbedder({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.EMBEDDING_MODEL })
    : createLocalEmbedder();

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
    corpusDir: resolve(config.CORPUS_DIR),
    dataDir: resolve(config.DATA_DIR),
    embedder,
    logger: createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL),
    onProgress,
    force: args.includes("--force"),
  });
  bar?.stop();
  const { counts } = result.index.manifest;
  const what = result.rebuilt ? `built (${result.reason})` : "already up to date";
  process.stdout.write(
    `index ${what}: ${counts.documents} document(s), ${counts.chunks} chunks, ${counts.chronology} chronology entries, ${result.seconds.toFixed(2)} s\n`,
  );
});
