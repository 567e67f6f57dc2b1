import autocannon from "autocannon";
import { spawnBenchServer } from "./bench-server.js";

export interface CacheMixRow {
  cache: string;
  connections: number;
  answersPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** A deterministic pseudo-random stream (mulberry32), so every run asks the same sequence. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` draws from a Zipf distribution (exponent 1) over `distinct` ranks: a few questions asked often, most rarely. */
export function zipfSequence(distinct: number, count: number, seed = 7): number[] {
  const weights = Array.from({ length: distinct }, (_, rank) => 1 / (rank + 1));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const w of weights) cumulative.push((running += w / total));
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const u = next();
    let lo = 0;
    let hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
}

/**
 * Real traffic repeats: questions drawn from a Zipf distribution over a few hundred distinct ones,
 * against `npm start` with the answer cache on and off.
 */
export async function measureCacheMix(questions: string[], connections: number, seconds: number): Promise<CacheMixRow[]> {
  const order = zipfSequence(questions.length, 200_000);
  const rows: CacheMixRow[] = [];
  for (const [label, size] of [["off", "0"], ["on", "2000"]] as const) {
    const server = await spawnBenchServer({ RATE_LIMIT_PER_MINUTE: "100000000", ANSWER_CACHE_SIZE: size });
    let next = 0;
    try {
      const result = await autocannon({
        url: `${server.url}/api/ask`,
        connections,
        duration: seconds,
        requests: [{
          method: "POST",
          headers: { "content-type": "application/json" },
          setupRequest: (request) => ({ ...request, body: JSON.stringify({ question: questions[order[next++ % order.length]] }) }),
        }],
      });
      rows.push({ cache: label, connections, answersPerSecond: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx });
    } finally {
      await server.stop();
    }
  }
  return rows;
}
