import { execFile, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cleanUpOnFailure, findProgram, kill, killChildSync, probe, spawnUntilReady, startOnFreePort, stopOnce, tail, track } from "./service-processes.js";

/** The load-balancer config the README shows. */
export const DEPLOY_NGINX_CONF = fileURLToPath(new URL("../deploy/nginx.conf", import.meta.url));

/** nginx of our own, running deploy/nginx.conf on a free loopback port in a temporary folder. */
export interface TestNginx {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Its temporary folder (nginx.conf, error.log, pid, temp files); gone after stop(). */
  dir: string;
  /** The text of the config nginx runs: deploy/nginx.conf with its port, upstream servers and paths rewritten. */
  config: string;
  /** Stops nginx (SIGTERM: fast shutdown, workers included) and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

const findNginx = () => findProgram("nginx", "nginx", "/usr/sbin/nginx");

const quote = (path: string) => `"${path.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;

/**
 * deploy/nginx.conf as a test runs it: every file nginx writes (pid, logs, temp files) inside `prefix`;
 * with `port`, the listen port replaced; with `upstreams`, the upstream block's server lines replaced by one
 * per address, each keeping the parameters (max_fails=…) of the line it replaces. Nothing else changes.
 */
export function rewriteNginxConfig(source: string, options: { prefix: string; port?: number; upstreams?: string[] }): string {
  const { prefix } = options;
  // Ours replace these; a second "daemon" would clash with -g 'daemon off;'.
  let config = source.replace(
    /^[ \t]*(?:daemon|pid|error_log|access_log|(?:client_body|proxy|fastcgi|uwsgi|scgi)_temp_path)\s[^;]*;[^\n]*\n/gm,
    "",
  );

  if (options.port !== undefined) {
    let found = 0;
    config = config.replace(/^([ \t]*listen\s+)(?:(\[[^\]]*\]|[^\s:;\[]+):)?\d+/gm, (_, start: string, host: string | undefined) => {
      found++;
      return `${start}${host ?? "127.0.0.1"}:${options.port}`;
    });
    if (found === 0) throw new Error("rewriteNginxConfig: no `listen <port>` line to rewrite");
  }

  if (options.upstreams !== undefined) {
    const upstreams = options.upstreams;
    if (upstreams.length === 0) throw new Error("rewriteNginxConfig: no upstream servers given");
    const block = /(\bupstream\s+[\w.-]+\s*\{)([^}]*)\}/.exec(config);
    if (!block) throw new Error("rewriteNginxConfig: no upstream block to rewrite");
    const serverLine = /^([ \t]*)server\s+[^\s;]+([^;]*);[^\n]*\n?/gm;
    const originals = [...block[2].matchAll(serverLine)].map((m) => ({ indent: m[1], params: m[2] }));
    if (originals.length === 0) throw new Error("rewriteNginxConfig: the upstream block has no server lines");
    let first = true;
    const body = block[2].replace(serverLine, () => {
      if (!first) return "";
      first = false;
      return upstreams
        .map((address, i) => {
          const { indent, params } = originals[Math.min(i, originals.length - 1)];
          return `${indent}server ${address}${params};\n`;
        })
        .join("");
    });
    config = config.slice(0, block.index) + block[1] + body + "}" + config.slice(block.index + block[0].length);
  }

  const main = `# Rewritten for a test run: every file nginx writes is in ${prefix}.\npid ${quote(join(prefix, "nginx.pid"))};\nerror_log ${quote(join(prefix, "error.log"))} warn;\n`;
  const http =
    `\n    access_log off;\n` +
    ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `    ${kind}_temp_path ${quote(join(prefix, `${kind}_temp`))};\n`).join("");
  if (!/^http\s*\{/m.test(config)) throw new Error("rewriteNginxConfig: no http block");
  return main + config.replace(/^(http\s*\{)/m, `$1${http}`);
}

/** A temporary folder nginx's workers (`nobody` when we are root) can enter. */
async function makePrefix(): Promise<string> {
  const prefix = await mkdtemp(join(tmpdir(), "chronicle-nginx-"));
  await chmod(prefix, 0o755);
  return prefix;
}

/** `nginx -t` on deploy/nginx.conf (or `path`), its paths moved to a temporary folder so nothing under /var is touched. Resolves with nginx's output; rejects with it. */
export async function checkNginxConfig(path = DEPLOY_NGINX_CONF): Promise<string> {
  const nginx = findNginx();
  const prefix = await makePrefix();
  try {
    const copy = join(prefix, "nginx.conf");
    await writeFile(copy, rewriteNginxConfig(await readFile(path, "utf8"), { prefix }));
    return await new Promise<string>((resolve, reject) => {
      execFile(nginx, ["-t", "-p", `${prefix}/`, "-e", join(prefix, "error.log"), "-c", copy], { cwd: prefix, timeout: 30_000 }, (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim();
        if (error) reject(new Error(`nginx -t rejects ${path} (paths moved to ${prefix}):\n${output}`));
        else resolve(output);
      });
    });
  } finally {
    await rm(prefix, { recursive: true, force: true });
  }
}

function accepts(port: number): Promise<boolean> {
  return probe(port, (socket, done) => socket.once("connect", () => done(true)));
}

/** Starts nginx with deploy/nginx.conf, its listen port and upstream servers replaced, all paths in a temp folder. */
export async function startNginx(options: { upstreams: string[] /* "127.0.0.1:PORT" */ }): Promise<TestNginx> {
  const nginx = findNginx();
  const source = await readFile(DEPLOY_NGINX_CONF, "utf8");
  const prefix = await makePrefix();
  const confPath = join(prefix, "nginx.conf");
  const errorLog = join(prefix, "error.log");
  let child: ChildProcess | undefined;
  let output = "";

  // killSync's SIGTERM is a fast shutdown: nginx's master ends its workers first.
  track(prefix, () => killChildSync(child));

  let port = 0;
  let config = "";
  const launch = async (): Promise<void> => {
    config = rewriteNginxConfig(source, { prefix, port, upstreams: options.upstreams });
    await writeFile(confPath, config);
    output = "";
    const logs = () => `${output}\n--- ${errorLog} (tail) ---\n${tail(errorLog)}`;
    await spawnUntilReady({
      program: nginx,
      args: ["-p", `${prefix}/`, "-c", confPath, "-e", errorLog, "-g", "daemon off;"],
      cwd: prefix,
      onChild: (started) => (child = started),
      onOutput: (text) => (output = text),
      ready: () => accepts(port),
      exited: (how) => new Error(`Chronicle tests: nginx exited (${how}) before listening on ${port}:\n${logs()}`),
      late: () => new Error(`Chronicle tests: nginx did not listen on ${port} within 10 s:\n${logs()}`),
    });
  };

  const launchOn = (free: number) => {
    port = free;
    return launch();
  };
  port = await cleanUpOnFailure(prefix, () => startOnFreePort(launchOn, () => /address already in use/i.test(tail(errorLog) + output)));

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dir: prefix,
    config,
    stop: stopOnce(prefix, async () => {
      if (child) await kill(child);
    }),
  };
}
