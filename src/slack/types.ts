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
