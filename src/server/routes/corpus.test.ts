import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openChronicle, type Chronicle } from "../../chronicle.js";
import type { CorpusDescription } from "../../corpus-description.js";
import { silentLogger } from "../../logger.js";
import { testConfig, useSharedChronicle } from "../../../test-support/server-test-kit.js";
import { writeSyntheticCorpus } from "../../../test-support/synthetic-corpus.js";
import { createApp } from "../app.js";

let chronicle: Chronicle;
const { store } = useSharedChronicle((opened) => (chronicle = opened));
const appWith = (source: Chronicle | Promise<Chronicle>, config = testConfig()) => createApp({ chronicle: source, config, logger: silentLogger, store });
const describe_ = async (source: Chronicle) => {
  const res = await appWith(source).request("/api/corpus");
  expect(res.status).toBe(200);
  return (await res.json()) as CorpusDescription;
};

// A corpus of another year with no chronicle.json: everything said about it comes from its index.
let synthetic: Chronicle;
let syntheticRoot: string;
beforeAll(async () => {
  const { corpusDir, dataDir } = await writeSyntheticCorpus();
  syntheticRoot = dirname(corpusDir);
  synthetic = await openChronicle({ config: { CORPUS_DIR: corpusDir, DATA_DIR: dataDir, EMBED_WORKERS: 0 }, answerCache: "none" });
});
afterAll(async () => {
  await synthetic?.close();
  if (syntheticRoot) await rm(syntheticRoot, { recursive: true, force: true });
});

describe("GET /api/corpus", () => {
  it("describes the first corpus in its profile's words, with its document, period and counts", async () => {
    const body = await describe_(chronicle);
    expect(body).toEqual({
      title: chronicle.profile.title,
      description: chronicle.profile.description,
      sampleQuestions: chronicle.profile.sampleQuestions,
      documents: [{ name: "china-russia-relations-2024.txt", title: "China russia relations 2024" }],
      coverage: { start: "2024-05-03", end: "2024-12-02" },
      counts: { documents: 1, passages: chronicle.chunks.length, datedEntries: chronicle.chunks.filter((c) => c.date).length },
    });
    expect(body.title).toBe("China–Russia relations in 2024");
    expect(body.sampleQuestions.length).toBeGreaterThan(0);
  });

  it("describes a corpus without a profile in general words drawn from its index", async () => {
    const body = await describe_(synthetic);
    expect(body).toEqual({
      title: "Chronicle",
      description: "Ask about 3 documents.",
      sampleQuestions: ["What happened in December 2023?", "What is “Annual report” about?"],
      documents: [
        { name: "annual-report.txt", title: "Annual report" },
        { name: "release-notes.md", title: "Lumen release notes" },
        { name: "visitor-guide.md", title: "Visitor guide" },
      ],
      coverage: { start: "2023-01-16", end: "2023-12-05" },
      counts: { documents: 3, passages: synthetic.chunks.length, datedEntries: synthetic.chunks.filter((c) => c.date).length },
    });
    expect(JSON.stringify(body)).not.toMatch(/China|Russia|Putin|2024/);
  });

  it("answers a derived sample question from the corpus it was drawn from", async () => {
    const [latestMonth] = (await describe_(synthetic)).sampleQuestions;
    const result = await synthetic.ask(latestMonth!);
    expect(result.refused).toBe(false);
    expect(result.citations.some((c) => c.date?.start.startsWith("2023-12"))).toBe(true);
  });

  it("is 503 while the index loads, then describes the loaded one", async () => {
    let resolve!: (c: Chronicle) => void;
    const app = appWith(new Promise<Chronicle>((r) => (resolve = r)));
    const loading = await app.request("/api/corpus");
    expect(loading.status).toBe(503);
    expect(loading.headers.get("retry-after")).toBe("5");
    expect(await loading.json()).toMatchObject({ error: { code: "not_ready" } });
    resolve(chronicle);
    await Promise.resolve();
    const ready = await app.request("/api/corpus");
    expect(ready.status).toBe(200);
    expect(ready.headers.get("cache-control")).toBe("no-cache");
  });

  it("sits behind the API's key check like the other question routes", async () => {
    const app = appWith(chronicle, testConfig({ API_KEYS: ["k"] }));
    expect((await app.request("/api/corpus")).status).toBe(401);
    expect((await app.request("/api/corpus", { headers: { authorization: "Bearer k" } })).status).toBe(200);
  });
});
