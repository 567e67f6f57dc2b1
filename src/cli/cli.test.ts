import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const tsx = "node_modules/.bin/tsx";

async function cli(script: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(tsx, [`src/cli/${script}.ts`, ...args], { env: { ...process.env, LOG_LEVEL: "silent" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("command line", () => {
  it("prints an answer with numbered citations", async () => {
    const { code, stdout } = await cli("ask", ["When did Chinese and Russian bombers patrol near Alaska?"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^July 24/);
    expect(stdout).toMatch(/\n\[1\] July 24.*china-russia-relations-2024\.txt: /);
  });

  it("prints the result object with --json", async () => {
    const { stdout } = await cli("ask", ["--json", "What happened in August 2024?"]);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ refused: false, mode: "extractive" });
    expect(result.citations.length).toBeGreaterThan(0);
  });

  it("gives a one-line error for bad input", async () => {
    for (const args of [[], ["--nope", "q"], ["x".repeat(2001)]]) {
      const { code, stderr, stdout } = await cli("ask", args);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).toMatch(/^chronicle: /);
    }
  });

  it("reports an up-to-date index without rebuilding", async () => {
    const { code, stdout } = await cli("ingest", []);
    expect(code).toBe(0);
    expect(stdout).toMatch(/index already up to date: 1 document\(s\), \d+ chunks, 43 chronology entries/);
  });
});
