import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../../test-support/server-test-kit.js";

const dir = tempDir("chronicle-main-");
afterAll(() => dir.remove());

/** A corpus of a few chronology lines, so the process builds its own small index in a temp DATA_DIR. */
function miniCorpus(): string {
  const corpus = join(dir.path, "corpus");
  mkdirSync(corpus);
  const lines = readFileSync("corpus/china-russia-relations-2024.txt", "utf8").split("\n").filter((line) => /^(May|June) \d/.test(line));
  writeFileSync(join(corpus, "mini.txt"), ["Chronology", ...lines].join("\n"));
  return corpus;
}

describe("npm start (src/server/main.ts)", () => {
  it("listens, builds the index and logs it, answers, serves the pages, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: join(dir.path, "data"), CORPUS_DIR: miniCorpus(), EMBED_WORKERS: "0", LOG_LEVEL: "info", API_KEYS: "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const logs: Array<Record<string, unknown>> = [];
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stderr! }).on("line", (line) => {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (typeof entry.url === "string") resolve(entry.url);
        });
        void exited.then((code) => reject(new Error(`exited early with ${code}`)));
      });

      let ready = await fetch(`${url}/readyz`);
      for (let i = 0; ready.status !== 200 && i < 100; i++) {
        await new Promise((r) => setTimeout(r, 100));
        ready = await fetch(`${url}/readyz`);
      }
      expect(await ready.json()).toMatchObject({ status: "ready", chunks: 5, dependencies: { database: { backend: "sqlite", status: "ok" } } });
      const res = await fetch(`${url}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"question":"When did Putin visit China?"}' });
      expect(((await res.json()) as { answer: string }).answer).toContain("May 16-17, 2024");

      for (const page of ["/", "/demo"]) {
        const html = await fetch(`${url}${page}`);
        expect(html.status).toBe(200);
        expect(html.headers.get("content-type")).toMatch(/text\/html/);
        expect(html.headers.get("content-security-policy")).toContain("script-src 'self'");
      }

      // The Slack bot is mounted, and says what it lacks until it is configured.
      const slack = await fetch(`${url}/slack/events`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(slack.status).toBe(503);
      expect(((await slack.json()) as { error: { message: string } }).error.message).toMatch(/SLACK_SIGNING_SECRET/);

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const messages = logs.map((entry) => entry.msg);
      expect(logs.find((entry) => entry.msg === "index built")).toMatchObject({ chunks: 5, rebuilt: true });
      expect(logs.find((entry) => entry.msg === "request")).toMatchObject({ method: "GET", path: "/readyz" });
      expect(messages.slice(-2)).toEqual(["shutting down: finishing requests in flight", "stopped"]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
