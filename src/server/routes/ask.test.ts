import { describe, expect, it } from "vitest";
import type { AskResult, Chronicle } from "../../chronicle.js";
import { silentLogger } from "../../logger.js";
import { postJson, testConfig, useSharedChronicle } from "../../../test-support/server-test-kit.js";
import { createApp } from "../app.js";

let chronicle: Chronicle;
const { store } = useSharedChronicle((opened) => (chronicle = opened));
const app = () => createApp({ chronicle, config: testConfig(), logger: silentLogger, store });

describe("POST /api/ask", () => {
  it("answers with the AskResult, cited, and remembers it for feedback", async () => {
    const res = await postJson(app(), "/api/ask", { question: "When did Putin visit China?" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AskResult;
    expect(body).toMatchObject({ question: "When did Putin visit China?", refused: false, mode: "extractive" });
    expect(body.answer).toContain("May 16-17, 2024");
    expect(body.answer).toMatch(/\[1\]/);
    expect(body.citations[0]).toMatchObject({ n: 1, kind: "chronology", dateLabel: "May 16-17, 2024" });
    expect(body.sources.length).toBeGreaterThan(0);
    expect((await store.answers.get(body.id))?.answer).toBe(body.answer);
  });

  it("applies filters", async () => {
    const res = await postJson(app(), "/api/ask", { question: "What did Wang Yi and Lavrov discuss?", filters: { from: "2024-11-01", to: "2024-11-30", kind: "chronology" } });
    const body = (await res.json()) as AskResult;
    expect(res.status).toBe(200);
    expect(body.sources.length).toBeGreaterThan(0);
    for (const source of body.sources) {
      expect(source.kind).toBe("chronology");
      expect(source.date!.end >= "2024-11-01" && source.date!.start <= "2024-11-30").toBe(true);
    }
  });

  it("refuses a question the corpus does not cover, still as 200", async () => {
    const res = await postJson(app(), "/api/ask", { question: "What happened in 2019?" });
    const body = (await res.json()) as AskResult;
    expect(res.status).toBe(200);
    expect(body.refused).toBe(true);
    expect(body.citations).toEqual([]);
  });

  it.each([
    ["a missing question", {}, /question is required/],
    ["an empty question", { question: "   " }, /question is empty/],
    ["a question that is not a string", { question: 42 }, /question must be a string/],
    ["a question over 2,000 characters", { question: "x".repeat(2001) }, /2001 characters; the limit is 2000/],
    ["a bad filter date", { question: "What happened?", filters: { from: "2024-02-30" } }, /filters\.from: expected a calendar date/],
    ["a filter window backwards", { question: "What happened?", filters: { from: "2024-09-01", to: "2024-08-01" } }, /from must not be after to/],
    ["an unknown filter", { question: "What happened?", filters: { colour: "red" } }, /colour/],
  ])("rejects %s with 400", async (_name, body, message) => {
    const res = await postJson(app(), "/api/ask", body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe("invalid_request");
    expect(json.error.message).toMatch(message);
  });

  it("counts a question's length in characters, an emoji being one, and says so", async () => {
    const tooLong = await postJson(app(), "/api/ask", { question: "😀".repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toEqual({ error: { code: "invalid_request", message: "question is 2001 characters; the limit is 2000" } });
    // 1,999 emoji and a question mark: 4,000 UTF-16 units, 2,000 characters.
    expect((await postJson(app(), "/api/ask", { question: `${"😀".repeat(1999)}?` })).status).toBe(200);
  });

  it("answers 503 while the index is loading", async () => {
    const loading = createApp({ chronicle: new Promise<Chronicle>(() => {}), config: testConfig(), logger: silentLogger, store });
    const res = await postJson(loading, "/api/ask", { question: "When did Putin visit China?" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({ error: { code: "not_ready", message: expect.stringMatching(/still loading/) } });
  });
});
