import { describe, expect, it } from "vitest";
import type { Chronicle } from "../../chronicle.js";
import { silentLogger } from "../../logger.js";
import { testConfig, useSharedChronicle } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";

let chronicle: Chronicle;
const { store } = useSharedChronicle((opened) => (chronicle = opened));
const appWith = (source: Chronicle | Promise<Chronicle>) => createApp({ chronicle: source, config: testConfig({ API_KEYS: ["k"] }), logger: silentLogger, store });

describe("health checks", () => {
  it("/healthz is always 200, even while loading and with API keys on", async () => {
    const res = await appWith(new Promise<Chronicle>(() => {})).request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/readyz is 503 loading until the chronicle resolves, then 200 with index counts", async () => {
    let resolve!: (c: Chronicle) => void;
    const app = appWith(new Promise<Chronicle>((r) => (resolve = r)));
    const loading = await app.request("/readyz");
    expect(loading.status).toBe(503);
    expect(await loading.json()).toEqual({ status: "loading" });

    resolve(chronicle);
    await Promise.resolve();
    const ready = await app.request("/readyz");
    expect(ready.status).toBe(200);
    const chronology = chronicle.chunks.filter((c) => c.kind === "chronology").length;
    expect(await ready.json()).toEqual({
      status: "ready",
      chunks: chronicle.chunks.length,
      chronology,
      articles: chronicle.chunks.length - chronology,
      documents: 1,
      coverage: { start: "2024-05-03", end: "2024-12-02" },
      skipped: [],
      dependencies: { database: { backend: "sqlite", status: "ok" } },
    });
  });

  it("/readyz is 503 failed when loading fails, without the error's details", async () => {
    const app = appWith(Promise.reject(new Error("disk on fire at /var/data")));
    await new Promise((r) => setTimeout(r, 0));
    const res = await app.request("/readyz");
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ status: "failed" });
    expect(body).not.toContain("disk on fire");
  });
});
