/**
 * One scale measurement in its own process, so its memory figure is its own: builds the index of a
 * corpus `factor` times the original, then times retrieval. Prints one JSON line.
 */
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openChronicle } from "../src/chronicle.js";
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
  const started = performance.now();
  const chronicle = await openChronicle({ config: { CORPUS_DIR: corpusDir, DATA_DIR: dataDir, EMBED_WORKERS: workers } });
  const ingestSeconds = (performance.now() - started) / 1000;
  const questions = distinctQuestions(chronicle.chunks.slice(0, 200), 120);
  const retrieval = await timeEach(questions, (q) => chronicle.retrieve(q, { k: 8 }), 20);
  const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  await chronicle.close();
  console.log(JSON.stringify({ factor, chunks: chronicle.chunks.length, ingestSeconds: Math.round(ingestSeconds * 10) / 10, indexMb: Math.round((await du(dataDir)) / 2 ** 20 * 10) / 10, rssMb, retrievalP50: retrieval.p50, retrievalP99: retrieval.p99 }));
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
