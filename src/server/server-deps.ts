import type { Chronicle } from "../chronicle.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Condenser } from "../chat/index.js";
import type { RecentAnswers } from "./recent-answers.js";
import type { ChronicleState } from "./chronicle-state.js";
import type { FeedbackStore } from "./feedback-store.js";
import type { Reindexer } from "./live-index.js";

/** What the routes share, built once by `createApp`. */
export interface ServerDeps {
  state: ChronicleState;
  config: Config;
  logger: Logger;
  feedback: FeedbackStore;
  answers: RecentAnswers;
  /** Present when the server owns its index and can rebuild it. */
  reindexer?: Reindexer;
  /** The condenser for follow-ups of this chronicle (the offline one unless another was given). */
  condenserFor(chronicle: Chronicle): Condenser;
}
