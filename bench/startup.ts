import { spawnBenchServer } from "./bench-server.js";
import { summarize, type Timing } from "./stats.js";

/** Milliseconds from starting `npm start`'s process until /readyz says ready, with the index already on disk. */
export async function measureStartup(runs: number): Promise<Timing> {
  // The first start builds the index if needed; it is not counted.
  await (await spawnBenchServer()).stop();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const server = await spawnBenchServer();
    samples.push(server.readyMs);
    await server.stop();
  }
  return summarize(samples);
}
