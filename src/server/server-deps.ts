import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { ChronicleState } from "./chronicle-state.js";
import type { RememberAnswer, StateStore } from "../store/index.js";
import type { SharedServices } from "./shared-services.js";
import type { Reindexer } from "./live-index.js";

/** What the routes share, built once by `createApp`. */
export interface ServerDeps {
  state: ChronicleState;
  config: Config;
  logger: Logger;
  /** Answers given, their ratings, Slack's handled events and threads: SQLite, or PostgreSQL shared by replicas. */
  store: StateStore;
  /** Logs an answer so it can be rated, from any replica; a store that is down only costs the rating. */
  remember: RememberAnswer;
  /** What else the server depends on (Redis), for /readyz. */
  services: SharedServices;
  /** Present when the server owns its index and can rebuild it. */
  reindexer?: Reindexer;
}
