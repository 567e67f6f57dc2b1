import { createLocalEmbedder } from "../src/index/index.js";
import { spawnBenchServer } from "./bench-server.js";
import { openBenchChronicle } from "./open-chronicle.js";
import { distinctQuestions } from "./questions.js";
import { timeEach, type Timing } from "./stats.js";

export interface QueryPathRow {
  stage: string;
  timing: Timing;
}

const ask = (url: string, question: string) =>
  fetch(`${url}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) }).then(async (response) => {
    if (response.status !== 200) throw new Error(`/api/ask answered ${response.status}`);
    await response.arrayBuffer();
  });

/**
 * The cost of one question at each layer, one at a time, each question asked once: the bare local
 * embedding (the floor), retrieval in-process, and POST /api/ask over HTTP against `npm start`.
 */
export async function measureQueryPath(count: number): Promise<QueryPathRow[]> {
  const chronicle = await openBenchChronicle();
  const questions = distinctQuestions(chronicle.chunks, count * 3 + 30);
  const [forEmbed, forRetrieve, forAsk] = [0, 1, 2].map((i) => questions.slice(i * (count + 10), (i + 1) * (count + 10)));
  const embedder = createLocalEmbedder();
  const rows: QueryPathRow[] = [
    { stage: "bare embedding (floor)", timing: await timeEach(forEmbed, (q) => embedder.embed([q]), 10) },
    { stage: "retrieval (embed + HNSW + BM25 + fusion)", timing: await timeEach(forRetrieve, (q) => chronicle.retrieve(q, { k: 8 }), 10) },
  ];
  await chronicle.close();
  const server = await spawnBenchServer({ RATE_LIMIT_PER_MINUTE: "100000000" });
  try {
    rows.push({ stage: "POST /api/ask over HTTP", timing: await timeEach(forAsk, (q) => ask(server.url, q), 10) });
  } finally {
    await server.stop();
  }
  return rows;
}
