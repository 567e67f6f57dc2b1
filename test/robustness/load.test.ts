import autocannon from "autocannon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openChronicle } from "../../src/chronicle.js";
import { distinctQuestions } from "../../bench/questions.js";
import { spawnServer, type SpawnedServer } from "../../test-support/spawn-server.js";
import { testConfig } from "../../test-support/test-config.js";

let questions: string[];
let next = 0;
const ask = (server: SpawnedServer, connections: number, options: { amount?: number; duration?: number }) =>
  autocannon({
    url: `${server.url}/api/ask`,
    connections,
    ...options,
    requests: [{
      method: "POST",
      headers: { "content-type": "application/json" },
      setupRequest: (request) => ({ ...request, body: JSON.stringify({ question: questions[next++ % questions.length] }) }),
    }],
  });

beforeAll(async () => {
  const chronicle = await openChronicle({ config: testConfig() });
  questions = distinctQuestions(chronicle.chunks, 20_000);
  await chronicle.close();
});

describe("under load", () => {
  let server: SpawnedServer;
  beforeAll(async () => {
    server = await spawnServer({ RATE_LIMIT_PER_MINUTE: "100000000" });
  });
  afterAll(() => server.stop());

  it("answers 2,000 requests at concurrency 32 with no 5xx and no dropped connection", async () => {
    const result = await ask(server, 32, { amount: 2_000 });
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result["5xx"]).toBe(0);
    expect(result["2xx"]).toBe(2_000);
  }, 180_000);

  it("holds its memory steady over a 60-second soak", async () => {
    await ask(server, 8, { duration: 5 });
    const warm = server.rssMb();
    const result = await ask(server, 8, { duration: 60 });
    const end = server.rssMb();
    expect(result.errors + result["5xx"]).toBe(0);
    expect(end, `RSS went from ${warm.toFixed(0)} MB after warm-up to ${end.toFixed(0)} MB`).toBeLessThanOrEqual(warm * 1.2);
  }, 120_000);
});

describe("past the rate limit", () => {
  let server: SpawnedServer;
  beforeAll(async () => {
    server = await spawnServer({ RATE_LIMIT_PER_MINUTE: "20", API_KEYS: "key-a,key-b" });
  });
  afterAll(() => server.stop());

  it("answers a burst with 429 and Retry-After, and keeps serving other keys", async () => {
    const send = (key: string) =>
      fetch(`${server.url}/api/ask`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({ question: "When did Chinese and Russian bombers patrol near Alaska?" }),
      });
    const burst = await Promise.all(Array.from({ length: 40 }, () => send("key-a")));
    const limited = burst.filter((response) => response.status === 429);
    expect(burst.filter((response) => response.status === 200).length).toBe(20);
    expect(limited.length).toBe(20);
    expect(Number(limited[0].headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited[0].json()).error.code).toBeTypeOf("string");
    const other = await send("key-b");
    expect(other.status).toBe(200);
  }, 60_000);
});
