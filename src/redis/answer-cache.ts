import { createHash } from "node:crypto";
import type { AnswerCache, CachedAnswer } from "../answer-cache.js";
import type { RedisConnection } from "./connection.js";

/** How long a shared answer is kept: the index version in its key already retires it when the corpus changes. */
const TTL_SECONDS = 24 * 60 * 60;
const PREFIX = "chronicle:answer:";

/**
 * The answer cache shared by replicas. While Redis is down it is skipped without a round trip (a miss,
 * and nothing kept), so answering goes on at the speed of a replica without a cache.
 */
export function createRedisAnswerCache(redis: RedisConnection): AnswerCache {
  // Keys hold the question: hashed, so they are short and a question never shows in a key listing.
  const keyOf = (key: string) => PREFIX + createHash("sha256").update(key).digest("base64url");
  return {
    async get(key) {
      if (redis.status() !== "ok") return undefined;
      const value = await redis.client.get(keyOf(key));
      return value === null ? undefined : (JSON.parse(value) as CachedAnswer);
    },
    async set(key, answer) {
      if (redis.status() !== "ok") return;
      await redis.client.set(keyOf(key), JSON.stringify(answer), "EX", TTL_SECONDS);
    },
  };
}
