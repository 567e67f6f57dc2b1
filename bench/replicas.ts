import autocannon from "autocannon";
import { distinctQuestions } from "./questions.js";
import { startNginx, type TestNginx } from "../test-support/nginx.js";
import { startPostgres, type TestPostgres } from "../test-support/postgres.js";
import { startRedis, type TestRedis } from "../test-support/redis.js";
import type { SpawnedServer } from "../test-support/spawn-server.js";
import { spawnBenchServer } from "./bench-server.js";
import { openBenchChronicle } from "./open-chronicle.js";

export interface ReplicaRow {
  setup: string;
  connections: number;
  answersPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

/**
 * Answers per second at `connections`, every request a question not asked before, for: one replica on
 * its embedded stores (SQLite, memory); one replica on PostgreSQL and Redis behind nginx; and two such
 * replicas behind nginx. On one machine the replicas share its cores, so the rows show what the shared
 * stores and the proxy cost, not a gain from scaling out. Both replicas read the same saved index.
 */
export async function measureReplicas(connections: number, seconds: number): Promise<ReplicaRow[]> {
  const chronicle = await openBenchChronicle();
  // Never a repeat across the three rows, or the answer caches would answer it.
  const questions = distinctQuestions(chronicle.chunks, 20_000);
  await chronicle.close();
  let next = 0;
  const load = async (setup: string, url: string): Promise<ReplicaRow> => {
    const result = await autocannon({
      url: `${url}/api/ask`,
      connections,
      duration: seconds,
      requests: [{
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ question: questions[next++ % questions.length] }) }),
      }],
    });
    return {
      setup,
      connections,
      answersPerSecond: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      requests: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    };
  };

  const base = { RATE_LIMIT_PER_MINUTE: "100000000" };
  const rows: ReplicaRow[] = [];
  const alone = await spawnBenchServer(base);
  try {
    rows.push(await load("1 replica, embedded stores (SQLite, memory), direct", alone.url));
  } finally {
    await alone.stop();
  }

  let postgres: TestPostgres | undefined;
  let redis: TestRedis | undefined;
  let nginx: TestNginx | undefined;
  const replicas: SpawnedServer[] = [];
  try {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    const shared = { ...base, DATABASE_URL: postgres.url, REDIS_URL: redis.url, TRUST_PROXY_HOPS: "1" };
    replicas.push(await spawnBenchServer(shared));
    nginx = await startNginx({ upstreams: [new URL(replicas[0]!.url).host] });
    rows.push(await load("1 replica, PostgreSQL + Redis, behind nginx", nginx.url));
    await nginx.stop();
    replicas.push(await spawnBenchServer(shared));
    nginx = await startNginx({ upstreams: replicas.map((replica) => new URL(replica.url).host) });
    rows.push(await load("2 replicas, PostgreSQL + Redis, behind nginx", nginx.url));
  } finally {
    await nginx?.stop();
    await Promise.all(replicas.map((replica) => replica.stop()));
    await Promise.all([redis?.stop(), postgres?.stop()]);
  }
  return rows;
}
