import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { copyLiveIndex } from "../src/index/index.js";
import { spawnServer, type SpawnedServer } from "../test-support/spawn-server.js";

/**
 * `npm start` for a benchmark, in a data folder of its own that holds a copy of the live index. Its
 * answer log starts empty and goes when it stops: a benchmark's tens of thousands of answers would
 * otherwise land in the user's log and, run after run, slow every write to it.
 */
export async function spawnBenchServer(env: Record<string, string> = {}): Promise<SpawnedServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "chronicle-bench-"));
  try {
    await copyLiveIndex(loadConfig().DATA_DIR, dataDir);
    const server = await spawnServer({ DATA_DIR: dataDir, ...env });
    return {
      ...server,
      async stop(timeoutMs) {
        try {
          return await server.stop(timeoutMs);
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
