import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createBatcher, createEmbedderPool } from "./embedder-pool.js";
import { createLocalEmbedder } from "./local-embedder.js";
import { embedMany } from "./embedder.js";

const pool = createEmbedderPool(2);
afterAll(() => pool.close());

describe("embedder pool", () => {
  it("gives the same vectors as the in-process encoder, in order, under concurrent calls", async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `Question ${i} about the joint patrol near Alaska`);
    const pooled = await Promise.all(texts.map((text) => pool.embed([text])));
    const local = await createLocalEmbedder().embed(texts);
    pooled.forEach(([vector], i) => {
      expect(vector).toHaveLength(512);
      vector.forEach((value, j) => expect(value).toBeCloseTo(local[i][j], 4));
    });
  });

  it("embeds many texts with batches in flight on both threads", async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `Entry ${i}`);
    const progress: number[] = [];
    const vectors = await embedMany(pool, texts, { concurrency: 2, onProgress: (done) => progress.push(done) });
    expect(vectors).toHaveLength(40);
    expect(progress.at(-1)).toBe(40);
    const [again] = await pool.embed(["Entry 17"]);
    again.forEach((value, j) => expect(value).toBeCloseTo(vectors[17][j], 4));
  });
});

describe("warming the pool", () => {
  it("warms every thread, and a question sent while they warm still gets its own vectors", async () => {
    const fresh = createEmbedderPool(2);
    const early = fresh.embed(["Bombers near Alaska"]);
    await fresh.warm();
    const [[vector], [expected]] = await Promise.all([early, createLocalEmbedder().embed(["Bombers near Alaska"])]);
    expect(vector).toHaveLength(512);
    vector.forEach((value, j) => expect(value).toBeCloseTo(expected[j], 4));
    await fresh.close();
  });

  it("keeps the process alive while a caller waits for it to warm, and lets it exit once idle", async () => {
    // Neither closed nor awaited again: the process must still end by itself, with the line printed.
    const script = join(mkdtempSync(join(tmpdir(), "chronicle-warm-")), "warm.mts");
    writeFileSync(script, `import { createEmbedderPool } from ${JSON.stringify(new URL("./embedder-pool.ts", import.meta.url).href)};
      await createEmbedderPool(1).warm();
      console.log("warm");`);
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
      let stdout = "";
      child.stdout.on("data", (data) => (stdout += data));
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      child.on("exit", (exitCode) => {
        clearTimeout(timer);
        resolve({ code: exitCode, stdout });
      });
    });
    rmSync(dirname(script), { recursive: true, force: true });
    expect(stdout.trim()).toBe("warm");
    expect(code).toBe(0);
  }, 40_000);
});

describe("embedder pool without threads", () => {
  it("batches concurrent calls in this thread and hands each caller its own vectors", async () => {
    const inProcess = createEmbedderPool(0);
    const texts = ["Bombers near Alaska", "Joint Sea-2024 in Zhanjiang", "Putin in Harbin"];
    const together = await Promise.all(texts.map((text) => inProcess.embed([text])));
    const alone = await createLocalEmbedder().embed(texts);
    together.forEach(([vector], i) => vector.forEach((value, j) => expect(value).toBeCloseTo(alone[i][j], 4)));
    await inProcess.close();
  });
});

describe("batcher", () => {
  /** Slots that take `ms` a batch and record each batch's size, and which slots ran. */
  const fakeSlots = (count: number, ms: number, sizes: number[], used = new Set<number>()) =>
    Array.from({ length: count }, (_, slot) => ({
      busy: false,
      run: (texts: string[]) => new Promise<number[][]>((resolve) => {
        sizes.push(texts.length);
        used.add(slot);
        const vectors = texts.map((t) => [t.length]);
        if (ms === 0) resolve(vectors);
        else setTimeout(() => resolve(vectors), ms);
      }),
      warm: async () => {},
      close: async () => {},
    }));

  it("sends a text at once when nothing else is outstanding", async () => {
    const sizes: number[] = [];
    const batcher = createBatcher(fakeSlots(2, 0, sizes));
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      expect(await batcher.embed([`q${i}`])).toEqual([[2]]);
      // A slot that waited for company would take LINGER_MS (3 ms) or more.
      expect(performance.now() - started).toBeLessThan(2.5);
    }
    expect(sizes).toEqual([1, 1, 1, 1, 1]);
  });

  it("under a steady load of 16 callers, shares the texts among both slots in batches, not one at a time", async () => {
    const sizes: number[] = [];
    const used = new Set<number>();
    const batcher = createBatcher(fakeSlots(2, 10, sizes, used));
    const caller = async (id: number) => {
      for (let i = 0; i < 20; i++) {
        const [vector] = await batcher.embed([`caller ${id} question ${i}`]);
        expect(vector).toEqual([`caller ${id} question ${i}`.length]);
        // Each caller spends a millisecond of this thread on its answer before it asks again, as a server
        // does: the next questions arrive one by one, not all at once.
        const until = performance.now() + 1;
        while (performance.now() < until);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, id) => caller(id)));
    expect(used).toEqual(new Set([0, 1]));
    // Taking whatever is queued the moment a slot frees sends most texts alone (three batches in four,
    // measured), each at the cost of a whole batch.
    const warm = sizes.slice(4);
    expect(warm.filter((n) => n === 1).length / warm.length).toBeLessThan(0.2);
    expect(warm.reduce((a, b) => a + b, 0) / warm.length).toBeGreaterThan(4);
    batcher.stop();
  });
});
