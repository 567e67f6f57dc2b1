import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { chromium, type Browser } from "playwright-core";
import type { Chronicle } from "../src/chronicle.js";
import type { Config } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { startServer, type RunningServer } from "../src/server/index.js";
import { openSqliteStore } from "../src/store/index.js";
import { createWebRoutes } from "../src/web/index.js";
import { testConfig } from "./test-config.js";

/** Debian's Chromium, which CI installs with apt-get; CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Where browser tests leave screenshots; git-ignored. */
export const ARTIFACTS_DIR = join(process.cwd(), "test-artifacts");

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

/**
 * Launches headless Chromium. Playwright gives each launch a fresh temporary profile (it refuses a
 * --user-data-dir argument). A missing browser fails loudly: these tests are never skipped.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chronicle browser tests: no Chromium at ${CHROMIUM_PATH}. Install Debian's package ` +
        "(apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.",
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export async function artifactPath(name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const probe: Server = createServer();
  await new Promise<void>((resolve, reject) => probe.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface Listening {
  url: string;
  port: number;
  /** Stops listening and drops open connections (keep-alive ones too), so the port is free at once. */
  close(): Promise<void>;
}

/** Serves a fetch handler on 127.0.0.1 (port 0 picks a free one). */
export async function listen(fetch: (request: Request) => Response | Promise<Response>, port = 0): Promise<Listening> {
  let server!: ReturnType<typeof serve>;
  const info = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve({ fetch, port, hostname: "127.0.0.1" }, (address) => resolve(address as AddressInfo));
    server.once("error", reject);
  });
  return {
    url: `http://127.0.0.1:${info.port}`,
    port: info.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        const http = server as unknown as { closeAllConnections?: () => void };
        server.close((error) => (error ? reject(error) : resolve()));
        http.closeAllConnections?.();
      }),
  };
}

export interface ChronicleTestServer extends Listening {
  /** The server's own handle, for tests that need more than a URL. */
  running: RunningServer;
}

/**
 * The real Chronicle server (createApp through startServer) with the web routes mounted, on 127.0.0.1:
 * no API keys, a rate limit no test reaches, store in memory, logs silent. `port` reuses a port,
 * to bring a stopped server back where the page expects it; `config` overrides settings (ADMIN_KEY to read
 * the feedback export, WIDGET_ORIGINS to refuse a host page).
 */
export async function startChronicleServer(options: { chronicle: Chronicle; bundleDir?: string; port?: number; config?: Partial<Config> }): Promise<ChronicleTestServer> {
  const store = openSqliteStore({ path: ":memory:", logger: silentLogger });
  const running = await startServer({
    port: options.port ?? 0,
    host: "127.0.0.1",
    chronicle: options.chronicle,
    config: testConfig({ RATE_LIMIT_PER_MINUTE: 10_000, ...options.config }),
    logger: silentLogger,
    store,
    mount: { "/": createWebRoutes({ bundleDir: options.bundleDir }) },
    shutdownTimeoutMs: 200,
  });
  const port = Number(new URL(running.url).port);
  return {
    running,
    url: running.url,
    port,
    async close() {
      running.server.closeAllConnections();
      await running.close();
      store.close();
    },
  };
}
