import { open, readFile, rm, stat } from "node:fs/promises";

/**
 * Holds a lock file while an index is built, so two ingests never write at once. A second ingest waits;
 * a lock left by a process that no longer exists (killed mid-ingest) is taken over.
 */
export async function withIngestLock<T>(path: string, run: () => Promise<T>, timeoutMs = 10 * 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (!(await holderAlive(path))) {
        await rm(path, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`ingest lock ${path} still held after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await run();
  } finally {
    await rm(path, { force: true });
  }
}

async function holderAlive(path: string): Promise<boolean> {
  const pid = Number((await readFile(path, "utf8").catch(() => "")).trim());
  // A lock being written this instant has no pid yet: held, unless it has stayed empty for seconds.
  if (!pid) return Date.now() - (await stat(path).then((s) => s.mtimeMs, () => 0)) < 5_000;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
