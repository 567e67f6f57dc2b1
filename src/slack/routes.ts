import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Chronicle } from "../chronicle.js";
import type { Config } from "../config.js";
import type { CorpusDescription } from "../corpus-description.js";
import type { Logger } from "../logger.js";
import { createBackgroundTasks, type BackgroundTasks } from "./background.js";
import { createCommandsHandler } from "./commands.js";
import { createConversationAnswerer } from "./conversation.js";
import { createEventsHandler } from "./events.js";
import { createInteractionsHandler, type SlackFeedback } from "./interactions.js";
import { createReplySender } from "./reply-sender.js";
import { missingSlackSettings, requireSettings } from "./require-settings.js";
import type { RetryPolicy } from "./retry.js";
import { openSqliteStore, type StateStore } from "../store/index.js";
import type { SlackEnv } from "./types.js";
import { createSignatureVerifier } from "./verify-signature.js";

/** What the Slack routes need; everything beyond the first four is for tests and tuning. */
export interface SlackRoutesOptions {
  /** Answers a thread's messages, condensing follow-ups against the earlier turns (`Chronicle.chat`). */
  chronicle: Pick<Chronicle, "chat">;
  /**
   * The Slack and Mattermost settings of src/config.ts; a whole `Config` will do. Without MATTERMOST_TOKEN,
   * only Slack-signed requests are accepted.
   */
  config: Partial<Pick<Config, "SLACK_SIGNING_SECRET" | "SLACK_BOT_TOKEN" | "SLACK_API_URL" | "MATTERMOST_TOKEN">>;
  logger: Logger;
  /**
   * The corpus as the help text describes it (`describeCorpus` of the chronicle live now), read at each
   * request so a re-index shows; undefined while the index loads. Without it the help is general.
   */
  corpus?: () => CorpusDescription | undefined;
  /** Used for response_url POSTs and by WebClient; default the global fetch. */
  fetch?: typeof globalThis.fetch;
  retry?: Partial<RetryPolicy>;
  /**
   * Handled events and thread history: the server's store, shared by replicas with DATABASE_URL. By
   * default a store in memory, for a bot on its own.
   */
  store?: Pick<StateStore, "events" | "threads">;
  /** Where replies run after the acknowledgement; pass one to await them (shutdown, tests). */
  tasks?: BackgroundTasks;
  /** Milliseconds since the epoch, for signature timestamps; for tests. */
  now?: () => number;
  askTimeoutMs?: number;
  /** Where ratings from the answers' buttons go; without it answers carry no buttons. */
  feedback?: SlackFeedback;
}

/** Slack sends small payloads; anything larger is refused before it is buffered and hashed. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * The Slack bot as a Hono app, to be mounted at "/slack": POST /events (Events API: mentions and DMs)
 * and POST /commands (slash commands, from Slack or Mattermost). Every request is verified first.
 * Until SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set every route answers 503 naming what is missing;
 * with MATTERMOST_TOKEN set, /commands serves Mattermost even so.
 */
export function createSlackRoutes(options: SlackRoutesOptions): Hono<SlackEnv> {
  const { chronicle, config, logger: parent } = options;
  const logger = parent.child({ component: "slack" });
  const mattermostToken = config.MATTERMOST_TOKEN;
  const missing = missingSlackSettings(config);
  const tasks = options.tasks ?? createBackgroundTasks(logger);
  const sender = createReplySender({ token: config.SLACK_BOT_TOKEN, apiUrl: config.SLACK_API_URL, fetch: options.fetch, logger, retry: options.retry });
  const { feedback } = options;
  const store = options.store ?? openSqliteStore({ path: ":memory:", logger });
  const answer = createConversationAnswerer({ chronicle, memory: store.threads, logger, askTimeoutMs: options.askTimeoutMs, ...(feedback ? { onAnswer: feedback.remember } : {}) });
  const rateable = Boolean(feedback);
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json({ error: { code: "payload_too_large", message: `Slack request body is over ${MAX_BODY_BYTES} bytes` } }, 413),
  });

  if (missing.length > 0) logger.info({ missing }, "Slack routes answer 503 until these are set");
  const app = new Hono<SlackEnv>();
  app.post(
    "/events",
    requireSettings(missing),
    limit,
    createSignatureVerifier({ signingSecret: config.SLACK_SIGNING_SECRET, now: options.now }),
    createEventsHandler({ answer, sender, seen: store.events, tasks, logger, rateable, corpus: options.corpus }),
  );
  app.post(
    "/commands",
    // Replies go to response_url, so a Mattermost-only deployment needs neither Slack setting.
    requireSettings(mattermostToken ? [] : missing),
    limit,
    createSignatureVerifier({ signingSecret: config.SLACK_SIGNING_SECRET, mattermostToken, now: options.now }),
    createCommandsHandler({ answer, sender, tasks, logger, rateable, corpus: options.corpus }),
  );
  if (feedback) {
    app.post(
      "/interactions",
      requireSettings(missing),
      limit,
      createSignatureVerifier({ signingSecret: config.SLACK_SIGNING_SECRET, now: options.now }),
      createInteractionsHandler({ feedback, sender, tasks, logger }),
    );
  }
  app.all("*", requireSettings(missing), (c) => c.json({ error: { code: "not_found", message: `No Slack route ${c.req.method} ${c.req.path}` } }, 404));
  return app;
}
