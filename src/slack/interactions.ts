import type { Handler } from "hono";
import type { AskResult } from "../chronicle.js";
import type { Logger } from "../logger.js";
import type { BackgroundTasks } from "./background.js";
import { RATE_ACTIONS } from "./reply-blocks.js";
import { httpUrl, type ReplySender } from "./reply-sender.js";
import type { SlackEnv } from "./types.js";

/** Where Slack's ratings go: the server's feedback store, through the answers it remembers. */
export interface SlackFeedback {
  /** Keeps an answer the bot gave, so a press of its buttons can be recorded with what it said. */
  remember(result: AskResult): Promise<void>;
  /** Records a rating: "unknown" when the answer is no longer remembered; rejects when the store is down. */
  rate(input: { answerId: string; rating: "up" | "down"; rater: string }): Promise<"recorded" | "replaced" | "unknown">;
}

export interface InteractionsHandlerOptions {
  feedback: SlackFeedback;
  sender: ReplySender;
  tasks: BackgroundTasks;
  logger: Logger;
}

interface BlockAction {
  action_id?: unknown;
  value?: unknown;
}

const RATING_BY_ACTION: Record<string, "up" | "down"> = { [RATE_ACTIONS.up]: "up", [RATE_ACTIONS.down]: "down" };

const THANKS = {
  recorded: "Thanks, your rating was recorded.",
  replaced: "Thanks, your rating was updated.",
  unknown: "That answer is too old to rate now; ask again to rate the new answer.",
};

/**
 * POST /slack/interactions: a press of an answer's 👍 / 👎 (Block Kit `block_actions`). The rating is
 * stored at once, one per answer and Slack user (a second press replaces the first), and the presser
 * is told so in a message only they see. Slack wants the 200 within 3 seconds; anything else in the
 * payload is acknowledged and ignored.
 */
export function createInteractionsHandler(options: InteractionsHandlerOptions): Handler<SlackEnv> {
  const { feedback, sender, tasks, logger } = options;
  return async (c) => {
    const raw = new URLSearchParams(c.get("slackRawBody")).get("payload");
    let payload: { type?: unknown; user?: { id?: unknown }; actions?: unknown; response_url?: unknown };
    try {
      payload = JSON.parse(raw ?? "");
    } catch {
      return c.json({ error: { code: "invalid_request", message: "the interaction has no JSON payload field" } }, 400);
    }
    if (payload?.type !== "block_actions" || !Array.isArray(payload.actions)) return c.body(null, 200);
    const user = typeof payload.user?.id === "string" ? payload.user.id : "unknown";
    for (const action of payload.actions as BlockAction[]) {
      const rating = typeof action.action_id === "string" ? RATING_BY_ACTION[action.action_id] : undefined;
      if (!rating || typeof action.value !== "string") continue;
      let outcome: keyof typeof THANKS;
      try {
        outcome = await feedback.rate({ answerId: action.value, rating, rater: `slack:${user}` });
      } catch (error) {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, "Slack rating could not be stored");
        return c.json({ error: { code: "feedback_unavailable", message: "feedback storage is unavailable" } }, 503);
      }
      logger.info({ answerId: action.value, rating, outcome }, "Slack rating");
      const url = typeof payload.response_url === "string" ? payload.response_url : "";
      if (url) {
        tasks.run("rating receipt", async () => {
          await sender.postToResponseUrl(httpUrl(url).href, { response_type: "ephemeral", replace_original: false, text: THANKS[outcome] });
        }, { answerId: action.value });
      }
    }
    return c.body(null, 200);
  };
}
