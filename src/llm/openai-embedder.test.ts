import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { embedMany } from "../index/embedder.js";
import { createOpenAIEmbedder } from "./openai-embedder.js";
import { fakeEmbedding, startFakeOpenAI, type FakeOpenAI } from "../../test-support/fake-openai.js";

// createOpenAIEmbedder against the fake's /v1/embeddings: the same fake the LLM tests use.
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ dimensions: 24 });
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

describe("createOpenAIEmbedder", () => {
  it("learns the vector size from one probe call and names the model", async () => {
    const embedder = await createOpenAIEmbedder({ baseURL: fake.url, model: "fake-embed" });
    expect(embedder).toMatchObject({ id: "openai:fake-embed", dimensions: 24 });
    expect(fake.requests.map((r) => [r.path, r.body.model, r.body.input])).toEqual([["/v1/embeddings", "fake-embed", ["dimension probe"]]]);
  });

  it("returns one vector per text in input order, though the server answers out of order", async () => {
    const embedder = await createOpenAIEmbedder({ baseURL: fake.url, model: "fake-embed" });
    const texts = ["Putin visits Beijing", "Joint naval patrol", "SCO summit in Astana"];
    const vectors = await embedder.embed(texts);
    expect(vectors).toEqual(texts.map((text) => fakeEmbedding(text, 24)));
    expect(fake.requests.at(-1)!.body.input).toEqual(texts);
  });

  it("is batched by embedMany in maxBatch pieces", async () => {
    const embedder = await createOpenAIEmbedder({ baseURL: fake.url, model: "fake-embed" });
    const texts = Array.from({ length: embedder.maxBatch * 2 + 5 }, (_, i) => `text ${i}`);
    const vectors = await embedMany(embedder, texts);
    expect(vectors).toHaveLength(texts.length);
    expect(vectors[embedder.maxBatch + 1]).toEqual(fakeEmbedding(texts[embedder.maxBatch + 1], 24));
    expect(fake.requests.slice(1).map((r) => r.body.input.length)).toEqual([embedder.maxBatch, embedder.maxBatch, 5]);
  });

  it("sends requests through an injected fetch, with the key as a bearer token", async () => {
    const seen: string[] = [];
    const spy: typeof fetch = (url, init) => {
      seen.push(String(url));
      return fetch(url, init);
    };
    const embedder = await createOpenAIEmbedder({ apiKey: "sk-test", baseURL: fake.url, model: "fake-embed", fetch: spy });
    await embedder.embed(["one"]);
    expect(seen).toEqual([`${fake.url}/embeddings`, `${fake.url}/embeddings`]);
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer sk-test");
  });

  it("stops when the caller's signal aborts", async () => {
    const embedder = await createOpenAIEmbedder({ baseURL: fake.url, model: "fake-embed" });
    await expect(embedder.embed(["one"], { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
  });

  // The client asks for base64 unless told otherwise and decodes whatever comes back as base64; servers
  // that ignore encoding_format (Ollama, LM Studio and others) send floats, which would decode to garbage.
  it("reads float vectors from servers that ignore encoding_format", async () => {
    const floatsOnly = await startFakeOpenAI({ dimensions: 24, ignoreEncodingFormat: true });
    try {
      const embedder = await createOpenAIEmbedder({ baseURL: floatsOnly.url, model: "fake-embed" });
      expect(embedder.dimensions).toBe(24);
      expect(await embedder.embed(["one"])).toEqual([fakeEmbedding("one", 24)]);
    } finally {
      await floatsOnly.close();
    }
  });
});
