import { Agent, request } from "node:http";
import { createLocalEmbedder } from "../src/index/index.js";
import { spawnBenchServer } from "./bench-server.js";
import { openBenchChronicle } from "./open-chronicle.js";
import { distinctQuestions } from "./questions.js";
import { timeEach, type Timing } from "./stats.js";

export interface QueryPathRow {
  stage: string;
  timing: Timing;
}

// node:http with a kept-alive connection: the leanest client, so the figure is the server's. fetch's own
// work in this process added 3-5 ms a request, a third of an embedding.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const ask = (url: string, question: string) =>
  new Promise<void>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const body = JSON.stringify({ question });
    const sent = request({ host: hostname, port, path: "/api/ask", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on("error", reject);
      response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`/api/ask answered ${response.statusCode}`))));
    });
    sent.on("error", reject);
    sent.end(body);
  });

// Questions run through each stage before timing: enough for the server's code to be compiled.
const WARMUP = 50;

/**
 * The cost of one question at each layer, one at a time, each question asked once: the bare local
 * embedding (the floor), retrieval in-process, and POST /api/ask over HTTP against `npm start`.
 */
export async function measureQueryPath(count: number): Promise<QueryPathRow[]> {
  const chronicle = await openBenchChronicle();
  const questions = distinctQuestions(chronicle.chunks, (count + WARMUP) * 3);
  const [forEmbed, forRetrieve, forAsk] = [0, 1, 2].map((i) => questions.slice(i * (count + WARMUP), (i + 1) * (count + WARMUP)));
  const embedder = createLocalEmbedder();
  const rows: QueryPathRow[] = [
    { stage: "bare embedding (floor)", timing: await timeEach(forEmbed, (q) => embedder.embed([q]), WARMUP) },
    { stage: "retrieval (embed + HNSW + BM25 + fusion)", timing: await timeEach(forRetrieve, (q) => chronicle.retrieve(q, { k: 8 }), WARMUP) },
  ];
  await chronicle.close();
  const server = await spawnBenchServer({ RATE_LIMIT_PER_MINUTE: "100000000" });
  try {
    rows.push({ stage: "POST /api/ask over HTTP", timing: await timeEach(forAsk, (q) => ask(server.url, q), WARMUP) });
  } finally {
    agent.destroy();
    await server.stop();
  }
  return rows;
}
