import autocannon from "autocannon";
import { spawnBenchServer } from "./bench-server.js";
import { openBenchChronicle } from "./open-chronicle.js";
import { distinctQuestions } from "./questions.js";

export interface ThroughputRow {
  workers: number;
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

/**
 * Answers per second from `npm start` at each concurrency, every request a question not asked before,
 * with the embedding model on `workers` threads (0: in the server's own thread).
 */
export async function measureThroughput(workers: number[], connections: number[], seconds: number): Promise<ThroughputRow[]> {
  const chronicle = await openBenchChronicle();
  const questions = distinctQuestions(chronicle.chunks, 20_000);
  await chronicle.close();
  let next = 0;
  const rows: ThroughputRow[] = [];
  for (const threads of workers) {
    const server = await spawnBenchServer({ RATE_LIMIT_PER_MINUTE: "100000000", EMBED_WORKERS: String(threads) });
    try {
      for (const c of connections) {
        const result = await autocannon({
          url: `${server.url}/api/ask`,
          connections: c,
          duration: seconds,
          requests: [{
            method: "POST",
            headers: { "content-type": "application/json" },
            setupRequest: (request) => ({ ...request, body: JSON.stringify({ question: questions[next++ % questions.length] }) }),
          }],
        });
        rows.push({
          workers: threads,
          connections: c,
          requestsPerSecond: Math.round(result.requests.average),
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
        });
      }
    } finally {
      await server.stop();
    }
  }
  return rows;
}
