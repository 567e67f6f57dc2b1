import type { Citation } from "../answer/index.js";

/** One turn of a conversation, as a condenser reads it. */
export interface ConversationMessage {
  role: "user" | "assistant";
  /** An assistant turn keeps its [n] markers: with `citations` they tell a condenser what was listed. */
  content: string;
  /** The citations behind an assistant turn's [n] markers. */
  citations?: Citation[];
}

/**
 * Turns the last user message of a conversation into a standalone question. Declared here, structurally,
 * so this module does not depend on where a condenser lives: src/chat's `createOfflineCondenser()` and
 * src/answer's `createLlmCondenser()` both plug in as they are.
 */
export type Condenser = (messages: ConversationMessage[], options?: { signal?: AbortSignal }) => Promise<string>;

/** Who sent a request: Slack (signed) or Mattermost (outgoing slash-command token). */
export type ChatPlatform = "slack" | "mattermost";

/** What the verifier leaves on the Hono context for the handlers. */
export interface SlackVariables {
  /** The request body as received, decoded once: the body stream can only be read once. */
  slackRawBody: string;
  slackPlatform: ChatPlatform;
}

/** The Hono environment of every /slack route. */
export interface SlackEnv {
  Variables: SlackVariables;
}
