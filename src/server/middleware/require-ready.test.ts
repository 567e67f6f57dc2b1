import { describe, expect, it } from "vitest";
import type { Chronicle } from "../../chronicle.js";
import { fakeChronicle, guardedApp } from "../../../test-support/server-test-kit.js";
import { trackChronicle } from "../chronicle-state.js";
import { requireReady } from "./require-ready.js";

describe("requireReady", () => {
  it("answers 503 with Retry-After while loading, then lets requests through", async () => {
    let resolve!: (c: Chronicle) => void;
    const state = trackChronicle(new Promise<Chronicle>((r) => (resolve = r)));
    const app = guardedApp(requireReady(state));
    const loading = await app.request("/x");
    expect(loading.status).toBe(503);
    expect(loading.headers.get("retry-after")).toBe("5");
    expect(await loading.json()).toEqual({ error: { code: "not_ready", message: "the index is still loading; try again in a few seconds" } });
    resolve(fakeChronicle());
    await state.ready;
    expect((await app.request("/x")).status).toBe(200);
  });

  it("answers 503 without Retry-After when loading failed", async () => {
    const state = trackChronicle(Promise.reject(new Error("no index")));
    await state.ready.catch(() => {});
    const res = await guardedApp(requireReady(state)).request("/x");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeNull();
    expect(await res.json()).toEqual({ error: { code: "not_ready", message: "the index failed to load; see the server log" } });
  });
});
