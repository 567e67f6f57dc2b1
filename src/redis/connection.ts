import { Redis } from "ioredis";
import type { Logger } from "../logger.js";

/** One Redis connection per replica, and what is known of its health. */
export interface RedisConnection {
  readonly client: Redis;
  /** "ok", or "unavailable: <why>"; never waits. */
  status(): string;
  /** Pings Redis now ("ok" or "unavailable: <why>"), for /readyz. */
  check(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Connects to REDIS_URL. Commands fail at once while Redis is down (no offline queue, one try), so a
 * request is never held up waiting for it; ioredis reconnects in the background and the first success
 * clears the report.
 */
export function connectRedis(url: string, logger: Logger): RedisConnection {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    // Every 0.2 s at first, then every 2 s for as long as it takes.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    connectionName: "chronicle",
  });
  let problem: string | undefined = "connecting";
  client.on("ready", () => {
    if (problem && problem !== "connecting") logger.info("Redis is back");
    problem = undefined;
  });
  client.on("close", () => (problem ??= "connection closed"));
  client.on("error", (error: Error) => {
    // ioredis repeats the same error on every retry: one line per change is enough.
    const message = error.message || error.constructor.name;
    if (problem !== message) logger.warn({ err: message }, "Redis unavailable; rate limits count per replica and the answer cache is bypassed");
    problem = message;
  });

  // The connection's own state comes first: a dropped connection is known before any error event.
  const status = () => (client.status === "ready" ? "ok" : `unavailable: ${problem ?? `connection ${client.status}`}`);
  return {
    client,
    status,
    async check() {
      try {
        await client.ping();
        return "ok";
      } catch (error) {
        problem ??= (error as Error).message;
        return status();
      }
    },
    async close() {
      problem = "closed";
      await client.quit().catch(() => client.disconnect());
    },
  };
}
