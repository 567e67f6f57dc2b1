import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { delimiter, join } from "node:path";
import { freePort } from "./spawn-server.js";

// What the harnesses of real services (postgres.ts, redis.ts, nginx.ts) share: finding a program, probing a
// port, starting a child and ending it, and the registry that ends every server still running when the process ends.

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` in a PATH folder, else `fallback`; if neither, an error naming `service` and Debian's package `name`. */
export function findProgram(service: string, name: string, fallback: string): string {
  const candidates = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean).map((dir) => join(dir, name)), fallback];
  const path = candidates.find(isExecutable);
  if (path) return path;
  throw new Error(
    `Chronicle tests need ${service}: no ${name} on PATH or at ${fallback}. ` +
      `Install Debian's package (apt-get update && apt-get install -y ${name}; .ci/run does this).`,
  );
}

/** The last lines of a log file, for error messages. */
export function tail(path: string, lines = 20): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Connects to 127.0.0.1:`port` and lets `talk` decide (done(true) or done(false)) once it has connected;
 * an error or a second without an answer is done(false). The socket is closed either way.
 */
export function probe(port: number, talk: (socket: Socket, done: (ok: boolean) => void) => void): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("error", () => done(false));
    talk(socket, done);
  });
}

/** SIGTERM, then SIGKILL if it is still there after a while; resolves when it has exited. */
export function kill(child: ChildProcess, timeoutMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Ends a process from an exit hook, where nothing can be awaited: SIGTERM, a short wait, then SIGKILL. */
export function killSync(pid: number): void {
  // Our child stays a zombie until the event loop reaps it, which it cannot here: a zombie counts as gone.
  const alive = () => {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    try {
      return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
      return !existsSync("/proc/self"); // no /proc to ask: trust kill(pid, 0)
    }
  };
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; alive() && waited < 2_000; waited += 20) Atomics.wait(nap, 0, 0, 20);
  if (alive()) process.kill(pid, "SIGKILL");
}

/** killSync for a child of ours, if it is still running. */
export function killChildSync(child: ChildProcess | undefined): void {
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) killSync(child.pid);
}

// Servers still running, ended synchronously if the process ends without stop(): on exit, and on the
// signals that end it (vitest ends its workers with SIGTERM, which skips 'exit' handlers).
const live = new Map<string, () => void>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
function cleanUpAll(): void {
  for (const cleanUp of [...live.values()]) cleanUp();
  live.clear();
}
function onSignal(signal: NodeJS.Signals): void {
  cleanUpAll();
  unhook();
  // Die of the signal as if nothing had been listening, unless someone else listens for it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}
function hook(): void {
  if (live.size > 0) return;
  process.on("exit", cleanUpAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}
function unhook(): void {
  process.off("exit", cleanUpAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/**
 * Registers the server whose temporary folder is `dir`: if the process ends before untrack(dir), `endNow`
 * (synchronous) ends the server and then the folder is removed. Returns that clean-up, to run it now.
 */
export function track(dir: string, endNow: () => void): () => void {
  hook();
  const cleanUp = () => {
    endNow();
    rmSync(dir, { recursive: true, force: true });
  };
  live.set(dir, cleanUp);
  return cleanUp;
}

/** The server in `dir` is stopped (or is being stopped): the process's end no longer needs to. */
export function untrack(dir: string): void {
  live.delete(dir);
  if (live.size === 0) unhook();
}

/** Runs `start`; if it fails, the server in `dir` is ended, its folder removed and untracked before the error goes on. */
export async function cleanUpOnFailure<T>(dir: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    live.get(dir)!();
    untrack(dir);
    throw error;
  }
}

/** Runs `start` on a free port and resolves with that port; rejects with start's error. */
export async function startOnFreePort(start: (port: number) => Promise<void>, portTaken: () => boolean): Promise<number> {
  // A free port can be taken before the server binds it: then try another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      await start(port);
      return port;
    } catch (error) {
      if (attempt < 3 && portTaken()) continue;
      throw error;
    }
  }
}

/**
 * A stop() for the server in `dir`: `end` once however often it is called, then (whether or not that
 * worked) untrack(dir) and the folder removed.
 */
export function stopOnce(dir: string, end: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      try {
        await end();
      } finally {
        untrack(dir);
        await rm(dir, { recursive: true, force: true });
      }
    })();
    return stopping;
  };
}

/** How to run a server as a child of ours, and what to throw when it does not come up. */
export interface ServerChild {
  program: string;
  args: string[];
  cwd: string;
  /** Told the child as soon as it is spawned, so that an exit hook can end it. */
  onChild(child: ChildProcess): void;
  /** Told its stdout and stderr so far (the last 8,000 characters) each time more comes. */
  onOutput(output: string): void;
  /** Asked every 10 ms until it says the server is up. */
  ready(): Promise<boolean>;
  /** The error for a child that exited before it was up. */
  exited(how: number | NodeJS.Signals | null): Error;
  /** The error for a child not up within 10 s (it has been killed). */
  late(): Error;
}

/** Spawns the server and resolves once ready() says it is up; rejects if it cannot run, exits first or takes over 10 s. */
export async function spawnUntilReady(server: ServerChild): Promise<void> {
  const started = spawn(server.program, server.args, { cwd: server.cwd, stdio: ["ignore", "pipe", "pipe"] });
  server.onChild(started);
  let output = "";
  const collect = (data: Buffer) => server.onOutput((output = (output + data).slice(-8_000)));
  started.stdout!.on("data", collect);
  started.stderr!.on("data", collect);
  let spawnError: Error | undefined;
  started.once("error", (error) => (spawnError = error));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (spawnError) throw new Error(`Chronicle tests: could not run ${server.program}: ${spawnError.message}`);
    if (started.exitCode !== null || started.signalCode !== null) throw server.exited(started.exitCode ?? started.signalCode);
    if (await server.ready()) return;
    if (Date.now() > deadline) {
      await kill(started);
      throw server.late();
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
