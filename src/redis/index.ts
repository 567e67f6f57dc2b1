export { connectRedis, type RedisConnection } from "./connection.js";
export { createRedisAnswerCache } from "./answer-cache.js";
