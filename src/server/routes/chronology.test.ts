import { describe, expect, it } from "vitest";
import type { Chronicle } from "../../chronicle.js";
import type { Chunk } from "../../index/index.js";
import { silentLogger } from "../../logger.js";
import { testConfig, useSharedChronicle } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";

let chronicle: Chronicle;
const { store } = useSharedChronicle((opened) => (chronicle = opened));
const get = (path: string) => createApp({ chronicle, config: testConfig(), logger: silentLogger, store }).request(path);
const entriesOf = async (res: Response) => ((await res.json()) as { entries: Chunk[]; count: number });

describe("GET /api/chronology", () => {
  it("lists every chronology entry in date order", async () => {
    const res = await get("/api/chronology");
    const { entries, count } = await entriesOf(res);
    expect(res.status).toBe(200);
    expect(count).toBe(entries.length);
    expect(count).toBe(chronicle.chunks.filter((c) => c.kind === "chronology").length);
    expect(entries.every((e) => e.kind === "chronology")).toBe(true);
    const starts = entries.map((e) => e.date!.start);
    expect(starts).toEqual([...starts].sort());
    expect(entries[0]).toMatchObject({ dateLabel: "May 3-9, 2024" });
  });

  it("keeps entries overlapping from..to", async () => {
    const { entries } = await entriesOf(await get("/api/chronology?from=2024-08-01&to=2024-08-31"));
    expect(entries.map((e) => e.dateLabel)).toEqual(["July 28-Aug. 7, 2024", "Aug. 7-8, 2024", "Aug. 17, 2024", "Aug. 20-21, 2024"]);
  });

  it("matches text case-insensitively, together with dates", async () => {
    const { entries } = await entriesOf(await get("/api/chronology?q=BOMBERS"));
    expect(entries.map((e) => e.dateLabel)).toEqual(["July 24, 2024", "Nov. 29-30, 2024"]);
    const { entries: late } = await entriesOf(await get("/api/chronology?q=bombers&from=2024-11-01"));
    expect(late.map((e) => e.dateLabel)).toEqual(["Nov. 29-30, 2024"]);
  });

  it.each([
    ["/api/chronology?from=2024-13-01", /from: expected a calendar date as YYYY-MM-DD, got "2024-13-01"/],
    ["/api/chronology?to=yesterday", /to: expected a calendar date/],
    ["/api/chronology?from=2024-09-01&to=2024-08-01", /from must not be after to/],
  ])("rejects %s with 400", async (path, message) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_request", message: expect.stringMatching(message) } });
  });
});
