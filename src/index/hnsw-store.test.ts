import { describe, expect, it } from "vitest";
import type { Embedder } from "./embedder.js";
import { HnswStore } from "./hnsw-store.js";

const embedder: Embedder = { id: "test", dimensions: 3, maxBatch: 8, embed: () => Promise.reject(new Error("vectors are given")) };

describe("HnswStore", () => {
  it("measures the exact similarity of chunks the nearest-neighbour search did not return", async () => {
    const store = await HnswStore.build(embedder, ["east", "north", "north-east"], [[1, 0, 0], [0, 1, 0], [2, 2, 0]]);
    expect((await store.search([1, 0, 0], 1)).map((hit) => hit.id)).toEqual(["east"]);
    const similarities = store.similarities([3, 0, 0], ["north", "north-east", "nowhere"]);
    expect(similarities.get("north")).toBeCloseTo(0, 6);
    expect(similarities.get("north-east")).toBeCloseTo(Math.SQRT1_2, 6);
    expect(similarities.has("nowhere")).toBe(false);
  });
});
