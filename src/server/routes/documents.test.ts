import { describe, expect, it } from "vitest";
import type { Chronicle } from "../../chronicle.js";
import { silentLogger } from "../../logger.js";
import { testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import type { Reindexer } from "../live-index.js";

const reindexer: Reindexer = {
  reindex: async (trigger) => ({ trigger, finishedAt: new Date().toISOString(), ok: true, seconds: 0 }),
  status: () => ({ running: false }),
};
// Never loads: these tests are about who may reach the routes, not what they return.
const loading = new Promise<Chronicle>(() => {});

describe("the documents API's door", () => {
  it("does not exist without ADMIN_KEY, so nothing is open by default", async () => {
    const app = createApp({ chronicle: loading, config: testConfig(), logger: silentLogger, reindexer });
    expect((await app.request("/api/documents")).status).toBe(404);
    expect((await app.request("/api/admin/reindex", { method: "POST" })).status).toBe(404);
  });

  it("asks for the admin key, not an API key, and leaves the question routes to API_KEYS", async () => {
    const app = createApp({ chronicle: loading, config: testConfig({ ADMIN_KEY: "admin", API_KEYS: ["user"] }), logger: silentLogger, reindexer });
    expect((await app.request("/api/admin/reindex", { method: "POST", headers: { authorization: "Bearer user" } })).status).toBe(401);
    const accepted = await app.request("/api/admin/reindex", { method: "POST", headers: { authorization: "Bearer admin" } });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toMatchObject({ status: "started" });
    // The question routes still take the API key, and only it; the index is loading, hence 503.
    const ask = (key: string) => app.request("/api/ask", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify({ question: "Hello?" }) });
    expect((await ask("admin")).status).toBe(401);
    expect((await ask("user")).status).toBe(503);
  });
});
