import { execFile, spawnSync } from "node:child_process";
import { chownSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import pg from "pg";
import { cleanUpOnFailure, isExecutable, startOnFreePort, stopOnce, tail, track } from "./service-processes.js";

/** A PostgreSQL server of our own: a child on a free loopback port, its data in a temporary folder. */
export interface TestPostgres {
  /** postgres://… URL of a database made for the caller (see database()). */
  url: string;
  port: number;
  /** Its temporary folder (data, socket, postgres.log); gone after stop(). */
  dir: string;
  /** Creates another empty database and returns its URL (so test files can isolate themselves). */
  database(name?: string): Promise<string>;
  /** Stops the server keeping its data (for outage tests); resume() starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Stops the server and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

const SUPERUSER = "chronicle";
const INSTALL_HINT =
  "Install Debian's package (apt-get update && apt-get install -y postgresql; .ci/run does this) or put initdb and pg_ctl on PATH.";

/** initdb and pg_ctl: on PATH, else the highest /usr/lib/postgresql/<version>/bin. */
function findBinDir(): string {
  const has = (dir: string) => isExecutable(join(dir, "initdb")) && isExecutable(join(dir, "pg_ctl"));
  for (const dir of (process.env.PATH ?? "").split(delimiter)) if (dir && has(dir)) return dir;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  for (const version of versions) if (has(join(root, version, "bin"))) return join(root, version, "bin");
  throw new Error(`Chronicle tests need PostgreSQL: no initdb and pg_ctl on PATH or in ${root}/*/bin. ${INSTALL_HINT}`);
}

/** PostgreSQL refuses to run as root: then every command runs as the postgres user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("postgres:"));
  if (!line) {
    throw new Error(
      "Chronicle tests: PostgreSQL refuses to run as root and this machine has no postgres user to run it as. " +
        `${INSTALL_HINT} (the package creates the user), or run the tests as a normal user.`,
    );
  }
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

function command(user: ReturnType<typeof postgresUser>, program: string, args: string[]): [string, string[]] {
  return user ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, args];
}

function run(file: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { output: `${stdout}${stderr}` }));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

let counter = 0;

/** initdb in a new temporary folder and starts the server on a free loopback port: about a second. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = findBinDir();
  const user = postgresUser();
  const dir = await mkdtemp(join(tmpdir(), "chronicle-pg-"));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, "data");
  const log = join(dir, "postgres.log");
  const pgCtl = (args: string[]) => command(user, join(bin, "pg_ctl"), ["-D", data, ...args]);

  const cleanUpNow = track(dir, () => {
    const [file, args] = pgCtl(["stop", "-m", "immediate", "-w"]);
    spawnSync(file, args, { cwd: dir, stdio: "ignore", timeout: 10_000 });
  });

  let port = 0;
  const startServer = async () => {
    const options = `-p ${port} -k '${dir}' -c listen_addresses=127.0.0.1 -c fsync=off`;
    const [file, args] = pgCtl(["start", "-w", "-t", "30", "-l", log, "-o", options]);
    await run(file, args, dir);
  };
  const fail = (what: string, error: unknown): Error => {
    const output = (error as { output?: string }).output ?? String(error);
    return new Error(`Chronicle tests: PostgreSQL ${what} failed: ${output.trim()}\n--- ${log} (tail) ---\n${tail(log)}`);
  };

  await cleanUpOnFailure(dir, async () => {
    const [file, args] = command(user, join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", SUPERUSER, "--no-sync", "-E", "UTF8", "--locale=C"]);
    await run(file, args, dir).catch((error) => {
      throw fail("initdb", error);
    });
    const startOn = async (free: number) => {
      port = free;
      await startServer();
    };
    port = await startOnFreePort(startOn, () => /could not bind|already in use/i.test(tail(log))).catch((error) => {
      throw fail("start", error);
    });
  });

  const base = `postgres://${SUPERUSER}@127.0.0.1:${port}`;
  const database = async (name = `test_${process.pid}_${++counter}`): Promise<string> => {
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    } finally {
      await client.end();
    }
    return `${base}/${encodeURIComponent(name)}`;
  };
  const url = await database("chronicle");

  let running = true;
  const pause = async () => {
    if (!running) return;
    const [file, args] = pgCtl(["stop", "-m", "fast", "-w"]);
    await run(file, args, dir).catch((error) => {
      throw fail("stop", error);
    });
    running = false;
  };

  return {
    url,
    port,
    dir,
    database,
    pause,
    async resume() {
      if (running) return;
      await startServer().catch((error) => {
        throw fail("restart", error);
      });
      running = true;
    },
    stop: stopOnce(dir, async () => {
      try {
        await pause();
      } catch (error) {
        cleanUpNow();
        throw error;
      }
    }),
  };
}
