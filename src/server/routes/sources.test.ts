import { describe, expect, it } from "vitest";
import type { Chronicle } from "../../chronicle.js";
import { silentLogger } from "../../logger.js";
import { testConfig, useSharedChronicle } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";

let chronicle: Chronicle;
const { store } = useSharedChronicle((opened) => (chronicle = opened));
const get = (path: string) => createApp({ chronicle, config: testConfig(), logger: silentLogger, store }).request(path);

describe("GET /api/sources/:id", () => {
  it("returns the whole chunk with its document, position and neighbours", async () => {
    const chunk = chronicle.chunks.find((c) => c.kind === "chronology" && c.dateLabel === "Oct. 4, 2024")!;
    const res = await get(`/api/sources/${encodeURIComponent(chunk.id)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: chunk.id, doc: chunk.doc, kind: "chronology", text: chunk.text, position: chunk.position, date: chunk.date, dateLabel: "Oct. 4, 2024" });
    expect(body.document).toEqual({ doc: chunk.doc, chunks: chronicle.chunks.filter((c) => c.doc === chunk.doc).length });
    const ordered = chronicle.chunks.filter((c) => c.doc === chunk.doc).sort((a, b) => a.position - b.position);
    const at = ordered.findIndex((c) => c.id === chunk.id);
    expect(body.previous).toBe(ordered[at - 1].id);
    expect(body.next).toBe(ordered[at + 1].id);
  });

  it("answers 404 JSON for an unknown id", async () => {
    const res = await get("/api/sources/no-such-chunk");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: 'source "no-such-chunk" not found' } });
  });
});
