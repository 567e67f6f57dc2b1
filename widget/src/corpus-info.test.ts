import { describe, expect, it } from "vitest";
import { createClient } from "./api.js";
import { loadCorpus } from "./corpus-info.js";

const described = { title: "Harbour archive", description: "Minutes.", sampleQuestions: [], documents: [], coverage: null, counts: { documents: 1, passages: 1, datedEntries: 0 } };

/** A client for its own server, answering with the given statuses in turn (200 with the description). */
function clientAnswering(server: string, statuses: number[]) {
  let calls = 0;
  const fetch = (async () => {
    const status = statuses[Math.min(calls++, statuses.length - 1)]!;
    return status === 200 ? Response.json(described) : Response.json({ error: { code: "not_ready", message: "loading" } }, { status });
  }) as typeof globalThis.fetch;
  return { client: createClient({ server, fetch }), calls: () => calls };
}

describe("loadCorpus", () => {
  it("asks a server once however many parts of the page want the description", async () => {
    const { client, calls } = clientAnswering("http://shared", [200]);
    const [a, b] = await Promise.all([loadCorpus(client), loadCorpus(client)]);
    expect(a).toEqual(described);
    expect(b).toBe(a);
    expect(calls()).toBe(1);
  });

  it("waits out a server still loading its index", async () => {
    const { client, calls } = clientAnswering("http://loading", [503, 503, 200]);
    expect(await loadCorpus(client, { retryMs: 1 })).toEqual(described);
    expect(calls()).toBe(3);
  });

  it("gives up on other failures at once, and asks afresh next time", async () => {
    const { client, calls } = clientAnswering("http://failing", [500, 200]);
    await expect(loadCorpus(client, { retryMs: 1 })).rejects.toMatchObject({ status: 500 });
    expect(calls()).toBe(1);
    expect(await loadCorpus(client)).toEqual(described);
  });

  it("stops waiting after its tries", async () => {
    const { client, calls } = clientAnswering("http://never", [503]);
    await expect(loadCorpus(client, { retryMs: 1, tries: 3 })).rejects.toMatchObject({ status: 503 });
    expect(calls()).toBe(3);
  });
});
