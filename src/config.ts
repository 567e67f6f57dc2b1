import { z } from "zod";
import { ConfigError } from "./errors.js";
import { DEFAULT_MAX_BYTES } from "./index/formats/index.js";

const optionalText = z.string().trim().optional().transform((value) => value || undefined);
const list = z.string().optional().transform((value) => (value ?? "").split(",").map((item) => item.trim()).filter(Boolean));

/** Every setting Chronicle reads from the environment, with its default. The README's table mirrors this. */
const Schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default("127.0.0.1"),
  CORPUS_DIR: z.string().default("corpus"),
  DATA_DIR: z.string().default("data"),
  EMBEDDER: z.enum(["local", "openai"]).default("local"),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(z.string().url().optional()),
  EMBEDDING_MODEL: z.string().default("text-embedding-3-small"),
  EMBED_WORKERS: z.coerce.number().int().min(0).max(16).default(2),
  LLM_MODEL: z.string().default("gpt-4o-mini"),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  API_KEYS: list,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
  WIDGET_ORIGINS: list,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_API_URL: optionalText.pipe(z.string().url().optional()),
  MATTERMOST_TOKEN: optionalText,
  MAX_DOCUMENT_BYTES: z.coerce.number().int().positive().default(DEFAULT_MAX_BYTES),
  WATCH: z.enum(["true", "false", "1", "0", ""]).default("false").transform((value) => value === "true" || value === "1"),
  ADMIN_KEY: optionalText,
  ANSWER_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(2_000),
  // Shared state for several replicas; without them, SQLite under DATA_DIR and memory, as on one machine.
  DATABASE_URL: optionalText.pipe(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional()),
  REDIS_URL: optionalText.pipe(z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL").optional()),
  // Proxies in front of the server whose X-Forwarded-For is trusted (1 behind one load balancer); 0 trusts none.
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  ANSWER_LOG_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(30),
});

export type Config = z.infer<typeof Schema>;

/**
 * Reads and checks the environment once; a bad value fails at start-up, naming its variable. Only the
 * entry points call it (src/server/main.ts, src/cli/, bench/, evals/run.ts, scripts/): everything else is
 * handed its settings, so a library caller or a test gets what it passes and nothing from the shell.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConfigError(String(issue.path[0]), issue.message);
}

/** Every setting at its default, the environment unread: what options without a config start from. */
export function defaultConfig(): Config {
  return Schema.parse({});
}

/** Whether an LLM is configured: an API key or an OpenAI-compatible server URL. */
export function llmConfigured(config: Config): boolean {
  return Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL);
}
