import { loadConfig, type Config } from "../config.js";
import { describeCorpus } from "../corpus-description.js";
import { ChronicleError } from "../errors.js";
import { createLogger } from "../logger.js";
import { createWebRoutes } from "../web/index.js";
import { createBackgroundTasks, createSlackRoutes } from "../slack/index.js";
import type { Chronicle } from "../chronicle.js";
import { startServer, type RunningServer } from "./start.js";
import { answerRememberer, openStateStore } from "../store/index.js";
import { openSharedServices } from "./shared-services.js";

const ACCEPT_GRACE_MS = 300;

/** `npm start`: serve HOST:PORT, load the index, and on SIGTERM/SIGINT drain in-flight requests and exit 0. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    // A bad setting names its variable; nothing else to log yet.
    process.stderr.write(`chronicle: ${error instanceof ChronicleError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL);
  // The server listens before the index is loaded; Slack requests wait for it like every other answer,
  // and once it is loaded each one takes the index live at that moment (a re-index swaps it).
  let loaded!: (server: RunningServer) => void;
  let listening: RunningServer | undefined;
  const started = new Promise<RunningServer>((resolve) => (loaded = resolve)).then((server) => (listening = server));
  const chronicle = async (): Promise<Chronicle> => {
    const server = await started;
    return server.state.current() ?? server.ready;
  };
  const tasks = createBackgroundTasks(logger);
  // One store for the API and the Slack bot (answers, ratings, handled events, threads): SQLite under
  // DATA_DIR, or PostgreSQL shared by every replica with DATABASE_URL. Redis, with REDIS_URL, shares the
  // rate limits and cached answers.
  const store = openStateStore(config, logger);
  const services = openSharedServices(config, logger);
  const remember = answerRememberer(store, logger);
  const slack = createSlackRoutes({
    config,
    logger,
    tasks,
    chronicle: { chat: async (messages, options) => (await chronicle()).chat(messages, options) },
    // Help must answer within Slack's 3 seconds, so it reads the index live now and never waits for one.
    corpus: () => {
      const live = listening?.state.current();
      return live && describeCorpus(live);
    },
    store,
    feedback: {
      remember,
      async rate({ answerId, rating, rater }) {
        const answer = await store.answers.get(answerId);
        if (!answer) return "unknown";
        const record = await store.feedback.add({ answerId, rater, rating, question: answer.question, answer: answer.answer, citations: answer.citations });
        return record.replaced ? "replaced" : "recorded";
      },
    },
  });
  const running = await startServer({
    config,
    logger,
    store,
    services,
    // The chat page at /, the demo host site at /demo, the embeddable /widget.js, and the Slack bot.
    mount: { "/slack": slack, "/": createWebRoutes({ widgetOrigins: config.WIDGET_ORIGINS }) },
  });
  loaded(running);
  logger.info({ url: running.url }, `listening on ${running.url}`);

  running.ready.catch(async () => {
    await running.close();
    process.exit(1);
  });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing requests in flight");
    // Connections that reached the kernel just before the signal are still waiting to be accepted;
    // closing the listener at once would reset them. Keep accepting a moment, then close.
    await new Promise((resolve) => setTimeout(resolve, ACCEPT_GRACE_MS));
    await running.close();
    // Slack replies still being posted are finished too.
    await tasks.idle();
    await store.close();
    await services.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`chronicle: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
