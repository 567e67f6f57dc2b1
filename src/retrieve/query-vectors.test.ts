import { describe, expect, it } from "vitest";
import { createFakeEmbedder } from "../../test-support/fake-embedder.js";
import { createQueryVectors } from "./query-vectors.js";

describe("createQueryVectors", () => {
  it("embeds a repeated question once, and forgets the least recently used beyond its capacity", async () => {
    const embedder = createFakeEmbedder();
    const vectors = createQueryVectors(embedder, 2);
    const first = await vectors.vector("who leads the team");
    expect(await vectors.vector("who leads the team")).toEqual(first);
    expect(embedder.calls).toBe(1);
    await vectors.vector("when does it open");
    await vectors.vector("who leads the team"); // used again: now the most recent
    await vectors.vector("where is it");        // evicts "when does it open"
    expect(embedder.calls).toBe(3);
    await vectors.vector("who leads the team");
    expect(embedder.calls).toBe(3);
    await vectors.vector("when does it open");
    expect(embedder.calls).toBe(4);
  });
});
