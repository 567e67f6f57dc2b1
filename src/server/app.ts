import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { Chronicle } from "../chronicle.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { AppEnv } from "./app-env.js";
import { trackChronicle, type ChronicleState } from "./chronicle-state.js";
import type { Reindexer } from "./live-index.js";
import { createErrorHandler, notFoundHandler } from "./error-handler.js";
import { apiKeyAuth } from "./middleware/api-key-auth.js";
import { limitBody } from "./middleware/body-limit.js";
import { clientAddress } from "./middleware/client-address.js";
import { rateLimit } from "./middleware/rate-limit.js";
import { requestLog } from "./middleware/request-log.js";
import { securityHeaders } from "./middleware/security-headers.js";
import { widgetCors } from "./middleware/widget-cors.js";
import { askRoutes } from "./routes/ask.js";
import { chatRoutes } from "./routes/chat.js";
import { chronologyRoutes } from "./routes/chronology.js";
import { corpusRoutes } from "./routes/corpus.js";
import { documentRoutes } from "./routes/documents.js";
import { feedbackExportRoutes, feedbackRoutes } from "./routes/feedback.js";
import { healthRoutes } from "./routes/health.js";
import { openAIRoutes } from "./routes/openai.js";
import { sourceRoutes } from "./routes/sources.js";
import { LIMITS } from "./schemas.js";
import type { ServerDeps } from "./server-deps.js";
import { answerRememberer, openStateStore, type StateStore } from "../store/index.js";
import { NO_SHARED_SERVICES, type SharedServices } from "./shared-services.js";

/** What `createApp` needs; everything but the chronicle, config and logger has a default. */
export interface AppOptions {
  /** The pipeline, or its loading: until it resolves, /readyz and the question routes answer 503. */
  chronicle: Chronicle | Promise<Chronicle> | ChronicleState;
  config: Config;
  logger: Logger;
  /** Answers, ratings and Slack state; by default SQLite under DATA_DIR (PostgreSQL with DATABASE_URL). */
  store?: StateStore;
  /** Redis and what it backs (rate limits, the answer cache), when REDIS_URL is set. */
  services?: SharedServices;
  /**
   * Other apps served by this server (pages, the widget script, the Slack endpoint), mounted by path after
   * the API. They get the security headers and the error handler, not the API's key check or rate limit.
   */
  mount?: Record<string, Hono<any>>;
  /** Rebuilds the index on demand: with ADMIN_KEY set, the documents API and POST /api/admin/reindex use it. */
  reindexer?: Reindexer;
}

/**
 * The HTTP app: health checks, the question API (/api/*), the OpenAI-compatible API (/v1/*) and anything
 * mounted. Every response carries a request id and the security headers; every failure is JSON from one
 * handler. /api/* and /v1/* also get CORS, the API key check, the rate limit and a body limit (64 KB; 512 KB for
 * /v1, whose chat clients send whole histories).
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const { config, logger } = options;
  const state = isState(options.chronicle) ? options.chronicle : trackChronicle(options.chronicle);
  const store = options.store ?? openStateStore(config, logger);
  const services = options.services ?? NO_SHARED_SERVICES;
  const deps: ServerDeps = {
    state,
    config,
    logger,
    store,
    remember: answerRememberer(store, logger),
    services,
    ...(options.reindexer ? { reindexer: options.reindexer } : {}),
  };

  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(logger));
  app.notFound(notFoundHandler);
  app.use(requestId());
  app.use(clientAddress(config.TRUST_PROXY_HOPS));
  app.use(requestLog(logger));
  app.use(securityHeaders());

  app.route("/", healthRoutes(deps));
  // Before the API's guards: the admin key, not API_KEYS, opens it, and uploads are far over the API's body limit.
  if (config.ADMIN_KEY && options.reindexer) app.route("/api", documentRoutes(deps, options.reindexer, config.ADMIN_KEY));
  if (config.ADMIN_KEY) app.route("/api", feedbackExportRoutes(deps, config.ADMIN_KEY));

  // One rate-limit window for both prefixes: a client does not get twice the limit by switching APIs.
  const guarded = [widgetCors(config.WIDGET_ORIGINS), apiKeyAuth({ keys: config.API_KEYS }), rateLimit({ limit: config.RATE_LIMIT_PER_MINUTE, limiter: services.rateLimiter(config.RATE_LIMIT_PER_MINUTE, 60_000) })];
  app.use("/api/*", ...guarded, limitBody(LIMITS.bodyBytes));
  app.use("/v1/*", ...guarded, limitBody(LIMITS.openAIBodyBytes));

  const api = new Hono<AppEnv>()
    .route("/", askRoutes(deps))
    .route("/", chatRoutes(deps))
    .route("/", chronologyRoutes(deps))
    .route("/", corpusRoutes(deps))
    .route("/", sourceRoutes(deps))
    .route("/", feedbackRoutes(deps));
  app.route("/api", api);
  app.route("/v1", openAIRoutes(deps));

  for (const [path, mounted] of Object.entries(options.mount ?? {})) app.route(path, mounted);
  return app;
}

function isState(value: AppOptions["chronicle"]): value is ChronicleState {
  return typeof (value as ChronicleState).current === "function" && "status" in value;
}
