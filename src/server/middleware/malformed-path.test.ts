import { describe, expect, it } from "vitest";
import { silentLogger } from "../../logger.js";
import { fakeChronicle, testConfig } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";
import { openSqliteStore } from "../../store/index.js";

describe("rejectMalformedPath", () => {
  const store = openSqliteStore({ path: ":memory:", logger: silentLogger });
  const app = createApp({ chronicle: fakeChronicle(), config: testConfig(), logger: silentLogger, store });

  it.each([
    ["a cut-off UTF-8 sequence", "/api/sources/%E0%A4%A"],
    ["a % without hex digits", "/api/sources/%ZZ"],
    ["a lone %", "/api/sources/50%"],
    ["a bad model id", "/v1/models/%E0%A4%A"],
  ])("answers the JSON 400 to %s in a path parameter", async (_name, path) => {
    const res = await app.request(path);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: { code: "invalid_path", message: `the request path is not valid percent-encoding: ${JSON.stringify(path)}` } });
  });

  it("still decodes well-formed escapes", async () => {
    const res = await app.request("/api/sources/caf%C3%A9%20au%20lait");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: 'source "café au lait" not found' } });
    expect(await (await app.request("/v1/models/chronicle%2Dv1")).json()).toMatchObject({ id: "chronicle-v1" });
  });
});
