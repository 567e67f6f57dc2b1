import { RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { AnswerCache } from "../answer-cache.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { connectRedis, createRedisAnswerCache } from "../redis/index.js";
import { memoryLimiter } from "./middleware/rate-limit.js";

/** Redis, when REDIS_URL is set, and what it backs: rate limits and the answer cache shared by replicas. */
export interface SharedServices {
  /** Each dependency beside the database, by name, with its state now ("ok" or "unavailable: …"), for /readyz. */
  check(): Promise<Record<string, string>>;
  /** A limiter of `limit` requests per window: counted in Redis for all replicas, else in this process. */
  rateLimiter(limit: number, windowMs: number): RateLimiterAbstract;
  /** The shared answer cache; undefined leaves each replica its own in memory. */
  answerCache?: AnswerCache;
  close(): Promise<void>;
}

/** One machine: limits counted in this process, answers cached in its memory. */
export const NO_SHARED_SERVICES: SharedServices = {
  check: async () => ({}),
  rateLimiter: memoryLimiter,
  close: async () => undefined,
};

/**
 * Redis from REDIS_URL, else NO_SHARED_SERVICES. While Redis is down, rate limits fail open to each
 * replica's own count (a client gets the limit from every replica, never a refusal for Redis's sake),
 * and the answer cache is skipped.
 */
export function openSharedServices(config: Pick<Config, "REDIS_URL">, logger: Logger): SharedServices {
  if (!config.REDIS_URL) return NO_SHARED_SERVICES;
  const redis = connectRedis(config.REDIS_URL, logger);
  return {
    check: async () => ({ redis: await redis.check() }),
    rateLimiter: (limit, windowMs) => new RateLimiterRedis({
      storeClient: redis.client,
      points: limit,
      duration: windowMs / 1000,
      keyPrefix: "chronicle:rate",
      // Straight to the per-replica count while the connection is down, without waiting on a command.
      rejectIfRedisNotReady: true,
      insuranceLimiter: memoryLimiter(limit, windowMs),
    }),
    answerCache: createRedisAnswerCache(redis),
    close: () => redis.close(),
  };
}
