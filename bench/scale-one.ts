/**
 * One scale measurement in its own process, so its memory figure is its own: builds the index of a
 * corpus `factor` times the original, re-indexes it after one document changes, then times retrieval.
 * Prints one JSON line.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openChronicle } from "../src/chronicle.js";
import { loadConfig } from "../src/config.js";
import { createEmbedderPool, ensureIndex } from "../src/index/index.js";
import { distinctQuestions } from "./questions.js";
import { timeEach } from "./stats.js";
import { writeScaledCorpus } from "./synth-corpus.js";

const factor = Number(process.argv[2] ?? 1);
const workers = Number(process.argv[3] ?? 2);
const root = await mkdtemp(join(tmpdir(), `chronicle-scale-${factor}-`));
try {
  const corpusDir = join(root, "corpus");
  const dataDir = join(root, "data");
  await writeScaledCorpus("corpus/china-russia-relations-2024.txt", corpusDir, factor);
  const embedder = createEmbedderPool(workers);
  // The model is loaded before the clock starts: a running server re-indexes with it already loaded.
  await embedder.embed(["warm up"]);
  const paths = { corpusDir, dataDir };
  const started = performance.now();
  await ensureIndex({ ...paths, embedder, concurrency: workers });
  const ingestSeconds = (performance.now() - started) / 1000;
  // One document changes: a paragraph reworded and a dated line added, as an editor would.
  const changed = join(corpusDir, (await readdir(corpusDir)).sort()[Math.floor(factor / 2)]);
  const text = await readFile(changed, "utf8");
  const firstParagraph = text.split("\n").find((line) => line.length > 200)!;
  await writeFile(changed, `${text.replace(firstParagraph, `${firstParagraph} Observers called the step overdue.`)}\n2024-12-30 - A late entry added by an editor\n`);
  const reindexStarted = performance.now();
  const reindexed = await ensureIndex({ ...paths, embedder, concurrency: workers });
  const reindexSeconds = (performance.now() - reindexStarted) / 1000;
  const chronicle = await openChronicle({ config: { ...loadConfig(), CORPUS_DIR: corpusDir, DATA_DIR: dataDir, EMBED_WORKERS: workers }, embedder });
  const questions = distinctQuestions(chronicle.chunks.slice(0, 200), 120);
  const retrieval = await timeEach(questions, (q) => chronicle.retrieve(q, { k: 8 }), 20);
  const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  await chronicle.close();
  await embedder.close();
  console.log(JSON.stringify({ factor, chunks: chronicle.chunks.length, ingestSeconds: Math.round(ingestSeconds * 10) / 10,
    reindexSeconds: Math.round(reindexSeconds * 100) / 100, reindexEmbedded: reindexed.embedded ?? 0, reindexShare: Math.round((reindexSeconds / ingestSeconds) * 1000) / 1000, indexMb: Math.round((await du(dataDir)) / 2 ** 20 * 10) / 10, rssMb, retrievalP50: retrieval.p50, retrievalP99: retrieval.p99 }));
} finally {
  await rm(root, { recursive: true, force: true });
}

async function du(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? await du(path) : (await stat(path)).size;
  }
  return total;
}
