import type { ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cleanUpOnFailure, findProgram, kill, killChildSync, probe, spawnUntilReady, startOnFreePort, stopOnce, track } from "./service-processes.js";

/** A Redis server of our own: a child on a free loopback port, no persistence, in a temporary folder. */
export interface TestRedis {
  /** redis://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Its temporary folder (--dir); gone after stop(). */
  dir: string;
  /** Stops the server (SIGTERM, waits for it to exit), for outage tests. */
  pause(): Promise<void>;
  /** Starts it again on the same port, empty (nothing is persisted). */
  resume(): Promise<void>;
  /** Stops the server and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Whether a PING over a plain socket answers +PONG. */
function pings(port: number): Promise<boolean> {
  return probe(port, (socket, done) => {
    let reply = "";
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (data) => {
      reply += data;
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
  });
}

/** Starts redis-server on a free loopback port and waits until it answers PING: a few tens of ms. */
export async function startRedis(): Promise<TestRedis> {
  const program = findProgram("Redis", "redis-server", "/usr/bin/redis-server");
  const dir = await mkdtemp(join(tmpdir(), "chronicle-redis-"));
  let child: ChildProcess | undefined;
  let output = "";

  track(dir, () => killChildSync(child));

  let port = 0;
  const launch = async (): Promise<void> => {
    output = "";
    await spawnUntilReady({
      program,
      args: ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no", "--daemonize", "no"],
      cwd: dir,
      onChild: (started) => (child = started),
      onOutput: (text) => (output = text),
      ready: () => pings(port),
      exited: (how) => Object.assign(new Error(`Chronicle tests: redis-server exited (${how}) before answering PING:\n${output}`), { output }),
      late: () => new Error(`Chronicle tests: redis-server did not answer PING on port ${port} within 10 s:\n${output}`),
    });
  };

  const launchOn = (free: number) => {
    port = free;
    return launch();
  };
  port = await cleanUpOnFailure(dir, () => startOnFreePort(launchOn, () => /address already in use/i.test(output)));

  const pause = async () => {
    if (child) await kill(child);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    pause,
    async resume() {
      if (child && child.exitCode === null && child.signalCode === null) return;
      await launch();
    },
    stop: stopOnce(dir, pause),
  };
}
