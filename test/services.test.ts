import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { checkNginxConfig, startNginx } from "../test-support/nginx.js";
import { startPostgres } from "../test-support/postgres.js";
import { startRedis } from "../test-support/redis.js";
import { freePort } from "../test-support/spawn-server.js";

/** Checks that the test harnesses start real servers on loopback, pause and resume them, and clean up. */

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

describe("startPostgres", () => {
  it("serves a database, makes more, survives a pause and stops clean", async () => {
    const started = performance.now();
    const postgres = await startPostgres();
    const startMs = performance.now() - started;
    try {
      expect(startMs).toBeLessThan(10_000);
      expect(postgres.url).toBe(`postgres://chronicle@127.0.0.1:${postgres.port}/chronicle`);
      expect((await query(postgres.url, "select 1 as one")).rows).toEqual([{ one: 1 }]);

      const second = await postgres.database("second_db");
      expect((await query(second, "select current_database() as name")).rows).toEqual([{ name: "second_db" }]);
      const unnamed = await postgres.database();
      expect(unnamed).not.toBe(postgres.url);
      await query(unnamed, "select 1");

      await query(postgres.url, "create table kept (n int); insert into kept values (1), (2), (3)");
      await postgres.pause();
      await expect(query(postgres.url, "select 1")).rejects.toThrow();
      expect(existsSync(postgres.dir)).toBe(true);
      await postgres.resume();
      expect((await query(postgres.url, "select count(*)::int as n from kept")).rows).toEqual([{ n: 3 }]);
    } finally {
      await postgres.stop();
    }
    expect(existsSync(postgres.dir)).toBe(false);
    expect(await accepts(postgres.port)).toBe(false);
    await postgres.stop();
  });
});

describe("startRedis", () => {
  it("answers SET/GET, goes away on pause, comes back empty on resume, stops clean", async () => {
    const redis = await startRedis();
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    client.on("error", () => {}); // refused reconnects while paused are expected
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      await client.set("greeting", "hello");
      expect(await client.get("greeting")).toBe("hello");

      await redis.pause();
      const probe = new Redis(redis.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      probe.on("error", () => {});
      await expect(probe.connect()).rejects.toThrow();
      probe.disconnect();

      await redis.resume();
      // The first client reconnects by itself; nothing was persisted.
      expect(await client.get("greeting")).toBeNull();
      await client.set("greeting", "again");
      expect(await client.get("greeting")).toBe("again");
    } finally {
      client.disconnect();
      await redis.stop();
    }
    expect(existsSync(redis.dir)).toBe(false);
    expect(await accepts(redis.port)).toBe(false);
    await redis.stop();
  });
});

describe("startNginx", () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => (server.closeAllConnections(), server.close())));

  async function replica(name: string): Promise<{ server: Server; address: string }> {
    const port = await freePort();
    const server = createServer((_, res) => res.end(name));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    return { server, address: `127.0.0.1:${port}` };
  }

  it("round-robins over two replicas and passes over one that is gone", async () => {
    const a = await replica("a");
    const b = await replica("b");
    const nginx = await startNginx({ upstreams: [a.address, b.address] });
    try {
      expect(nginx.config).toContain(`server ${a.address} max_fails=1 fail_timeout=5s;`);
      expect(nginx.config).toContain(`server ${b.address} max_fails=1 fail_timeout=5s;`);
      expect(nginx.config).not.toContain("127.0.0.1:3001");
      expect(nginx.config).toContain(`listen 127.0.0.1:${nginx.port};`);

      const ask = async () => {
        const res = await fetch(nginx.url);
        expect(res.status).toBe(200);
        return res.text();
      };
      const first = [await ask(), await ask(), await ask(), await ask()];
      expect(first.sort()).toEqual(["a", "a", "b", "b"]);

      a.server.closeAllConnections();
      await new Promise((resolve) => a.server.close(resolve));
      const after = [await ask(), await ask(), await ask(), await ask()];
      expect(after).toEqual(["b", "b", "b", "b"]);
    } finally {
      await nginx.stop();
    }
    expect(existsSync(nginx.dir)).toBe(false);
    expect(await accepts(nginx.port)).toBe(false);
    await nginx.stop();
  });

  it("accepts deploy/nginx.conf (nginx -t, paths moved to a temporary folder)", async () => {
    expect(await checkNginxConfig()).toMatch(/test is successful/);
  });
});

describe("a process that ends without stop()", () => {
  // Starts all three in a child, then ends it without stop(): by SIGTERM (how vitest ends its workers) or by exiting.
  async function endChild(how: "SIGTERM" | "exit"): Promise<{ ports: number[]; dirs: string[] }> {
    const script = `
      const { startPostgres } = await import(${JSON.stringify(new URL("../test-support/postgres.ts", import.meta.url).href)});
      const { startRedis } = await import(${JSON.stringify(new URL("../test-support/redis.ts", import.meta.url).href)});
      const { startNginx } = await import(${JSON.stringify(new URL("../test-support/nginx.ts", import.meta.url).href)});
      const servers = await Promise.all([startPostgres(), startRedis(), startNginx({ upstreams: ["127.0.0.1:9"] })]);
      console.log(JSON.stringify({ ports: servers.map((s) => s.port), dirs: servers.map((s) => s.dir) }));
      if (${JSON.stringify(how)} === "exit") process.exit(0);
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (data) => (stderr += data));
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (data) => {
        stdout += data;
        if (stdout.includes("\n")) resolve(stdout.split("\n")[0]);
      });
      child.once("exit", (code) => reject(new Error(`child exited (${code}) before starting its servers:\n${stdout}${stderr}`)));
    });
    const started = JSON.parse(line) as { ports: number[]; dirs: string[] };
    for (const port of started.ports) expect(await accepts(port)).toBe(true);
    if (how === "SIGTERM") child.kill("SIGTERM");
    await exited;
    return started;
  }

  it.each(["SIGTERM", "exit"] as const)("leaves no server or folder behind (%s)", async (how) => {
    const { ports, dirs } = await endChild(how);
    for (const port of ports) expect(await accepts(port)).toBe(false);
    for (const dir of dirs) expect(existsSync(dir)).toBe(false);
  });
});
