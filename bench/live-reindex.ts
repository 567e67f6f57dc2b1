import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { spawnServer } from "../test-support/spawn-server.js";
import { writeScaledCorpus } from "./synth-corpus.js";

export interface LiveReindexRow {
  factor: number;
  /** From the changed file landing in the folder to the new index answering, with WATCH=true. */
  secondsToLive: number;
  /** Questions answered a second meanwhile, and what failed. */
  answersPerSecond: number;
  requests: number;
  errors: number;
  non2xx: number;
}

const ADMIN_KEY = "bench-admin";

/**
 * A document changes under a serving, watching server: how long until the new index answers, and
 * whether any request in the meantime failed. The index is built before the clock starts.
 */
export async function measureLiveReindex(factor: number, questions: string[]): Promise<LiveReindexRow> {
  const root = await mkdtemp(join(tmpdir(), "chronicle-live-"));
  const corpusDir = join(root, "corpus");
  await writeScaledCorpus("corpus/china-russia-relations-2024.txt", corpusDir, factor);
  const server = await spawnServer({ CORPUS_DIR: corpusDir, DATA_DIR: join(root, "data"), WATCH: "true", ADMIN_KEY, RATE_LIMIT_PER_MINUTE: "100000000" }, 600_000);
  try {
    const documents = async () => ((await (await fetch(`${server.url}/api/documents`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).json()) as { index: { builtAt: string } }).index.builtAt;
    const before = await documents();
    let next = 0;
    const load = autocannon({
      url: `${server.url}/api/ask`,
      connections: 8,
      duration: 15,
      requests: [{ method: "POST", headers: { "content-type": "application/json" }, setupRequest: (request) => ({ ...request, body: JSON.stringify({ question: questions[next++ % questions.length] }) }) }],
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const changed = join(corpusDir, (await readdir(corpusDir)).sort()[0]);
    const text = await readFile(changed, "utf8");
    const started = performance.now();
    await writeFile(changed, `${text}\n2024-12-30 - A late entry added by an editor\n`);
    while ((await documents()) === before) await new Promise((resolve) => setTimeout(resolve, 50));
    const secondsToLive = Math.round((performance.now() - started) / 10) / 100;
    const result = await load;
    return { factor, secondsToLive, answersPerSecond: Math.round(result.requests.average), requests: result.requests.total, errors: result.errors + result.timeouts, non2xx: result.non2xx };
  } finally {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  }
}
