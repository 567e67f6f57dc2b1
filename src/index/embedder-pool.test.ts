import { afterAll, describe, expect, it } from "vitest";
import { createEmbedderPool } from "./embedder-pool.js";
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
