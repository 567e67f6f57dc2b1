import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer } from "node:http";
import { getRequestListener, RequestError } from "@hono/node-server";
import type { Hono } from "hono";
import type { Chronicle } from "../chronicle.js";
import { defaultConfig, type Config } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { createApp, type AppOptions } from "./app.js";
import type { AppEnv } from "./app-env.js";
import { trackChronicle, type ChronicleState } from "./chronicle-state.js";
import { openStateStore } from "../store/index.js";
import { openSharedServices } from "./shared-services.js";
import { createLiveIndex } from "./live-index.js";

/** Options of `startServer`: where to listen, plus anything `createApp` takes. */
export interface StartOptions extends Partial<Omit<AppOptions, "chronicle" | "config" | "logger" | "reindexer">> {
  /** Port to listen on; 0 picks a free one. Defaults to PORT. */
  port?: number;
  /** Address to listen on. Defaults to HOST. */
  host?: string;
  /** Settings over the defaults (`defaultConfig()`); main.ts passes the environment's, `loadConfig()`. */
  config?: Partial<Config>;
  logger?: Logger;
  /**
   * An already opened (or opening) chronicle, served as it is. By default the server opens its own after
   * it listens, re-indexes it on POST /api/admin/reindex (and with WATCH on changes), and closes it with itself.
   */
  chronicle?: Chronicle | Promise<Chronicle>;
  /** Quiet time after a change in a watched corpus folder before re-indexing. */
  watchDebounceMs?: number;
  /** How long close() lets in-flight requests run before cutting their connections. */
  shutdownTimeoutMs?: number;
}

/** A listening server. */
export interface RunningServer {
  /** "http://127.0.0.1:8787", with the port actually bound. */
  readonly url: string;
  readonly app: Hono<AppEnv>;
  readonly server: Server;
  readonly state: ChronicleState;
  /** Resolves once the index is loaded; rejects if loading fails. */
  readonly ready: Promise<Chronicle>;
  /** Stops accepting connections, lets in-flight requests finish (up to shutdownTimeoutMs), then releases everything. */
  close(): Promise<void>;
}

const DEFAULT_SHUTDOWN_MS = 10_000;
// Long enough for a request already on its way to arrive; short enough that shutdown stays quick.
const IDLE_GRACE_MS = 1_000;

/**
 * Listens first and loads the index after, so /healthz answers and /readyz says "loading" while a
 * large corpus is ingested. Used by main.ts and by tests (port 0 on 127.0.0.1).
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const { port, host, config: overrides, logger: givenLogger, chronicle: givenChronicle, shutdownTimeoutMs = DEFAULT_SHUTDOWN_MS, watchDebounceMs, ...appOptions } = options;
  const config: Config = { ...defaultConfig(), ...overrides };
  if (port !== undefined) config.PORT = port;
  if (host !== undefined) config.HOST = host;
  const logger = givenLogger ?? createLogger(config.LOG_LEVEL);
  // Opened here unless given, and then closed here too.
  const store = appOptions.store ?? openStateStore(config, logger);
  const services = appOptions.services ?? openSharedServices(config, logger);
  const release = async () => {
    if (!appOptions.store) await store.close();
    if (!appOptions.services) await services.close();
  };

  // A server that opens its own index can re-index it; one given a chronicle serves that as it is.
  const live = givenChronicle ? undefined : createLiveIndex({
    config,
    logger,
    debounceMs: watchDebounceMs,
    ...(services.answerCache ? { open: { answerCache: services.answerCache } } : {}),
  });
  const state = live?.state ?? trackChronicle(givenChronicle!);
  const app = createApp({ ...appOptions, chronicle: state, config, logger, store, services, ...(live ? { reindexer: live } : {}) });

  const server = await listen(app, config.HOST, config.PORT).catch(async (error: unknown) => {
    await release();
    throw error;
  });
  const { port: bound } = server.address() as AddressInfo;
  const url = `http://${config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST}:${bound}`;

  // Opened only once the server listens, so /healthz answers and /readyz says "loading" meanwhile.
  live?.start();
  state.ready.then(
    (chronicle) => {
      const { ingest } = chronicle;
      logger.info({
        chunks: chronicle.chunks.length,
        rebuilt: ingest.rebuilt,
        ...(ingest.reason ? { reason: ingest.reason } : {}),
        seconds: ingest.seconds,
        coverage: chronicle.retriever.coverage,
      }, ingest.rebuilt ? "index built" : "index loaded");
    },
    (error: unknown) => logger.error({ err: error }, "index failed to load"),
  );

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= (async () => {
    await stopListening(server, shutdownTimeoutMs);
    await release();
    await live?.close();
  })());

  return { url, app, server, state, ready: state.ready, close };
}

// What a request that never reaches the app gets: the same JSON error body as every other failure.
const UNREADABLE = JSON.stringify({ error: { code: "invalid_request", message: "the request cannot be parsed as HTTP" } });

function listen(app: Hono<AppEnv>, hostname: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    // A request the adapter cannot turn into a Request (a bad Host header, a backslash in the path) fails
    // before Hono sees it; it still gets a JSON 400.
    const listener = getRequestListener(app.fetch, {
      hostname,
      errorHandler: (error) => error instanceof RequestError
        ? Response.json({ error: { code: "invalid_request", message: `the request cannot be read: ${error.message}` } }, { status: 400 })
        : Response.json({ error: { code: "internal", message: "internal error" } }, { status: 500 }),
    });
    const server = createServer(listener);
    // Bytes Node's own parser rejects never become a request at all: answer them in JSON too, then close.
    server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
      if (error.code === "ECONNRESET" || !socket.writable) return socket.destroy();
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(UNREADABLE)}\r\nConnection: close\r\n\r\n${UNREADABLE}`);
    });
    server.listen(port, hostname);
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

/**
 * server.close() refuses new connections; requests in flight (streams included) run to their end. A
 * connection accepted just before the signal may not have sent its request yet, so idle connections are
 * only closed after a short grace period, and from then on as each turns idle. Whatever is still open
 * after the timeout is cut.
 */
function stopListening(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    let sweep: NodeJS.Timeout | undefined;
    const grace = setTimeout(() => {
      server.closeIdleConnections();
      sweep = setInterval(() => server.closeIdleConnections(), 25);
      sweep.unref();
    }, Math.min(IDLE_GRACE_MS, timeoutMs));
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    grace.unref();
    timer.unref();
    server.close(() => {
      clearTimeout(grace);
      clearInterval(sweep);
      clearTimeout(timer);
      resolve();
    });
  });
}
