/**
 * Mattermost support.
 *
 * Mattermost's custom slash commands POST the same form Slack's do (command, text, response_url,
 * user_id, channel_id, …) and read the same JSON replies ({response_type, text}), but they are not signed
 * with Slack's scheme: Mattermost sends a per-command token instead, as `Authorization: Token <token>`
 * and as the form field `token`. So /slack/commands also accepts that token, when one is configured.
 *
 * The token is the optional MATTERMOST_TOKEN setting (src/config.ts): the token Mattermost shows after
 * creating the slash command (Integrations → Slash Commands), with the request URL set to
 * https://YOUR_HOST/slack/commands and method POST. Unset, only Slack-signed requests are accepted.
 * Events (/slack/events) are Slack-only.
 */

/** The token a Mattermost request carries: the Authorization header first, else the form field. */
export function mattermostTokenFrom(authorization: string | undefined, body: string): string | undefined {
  const header = authorization?.match(/^Token\s+(\S+)\s*$/i)?.[1];
  if (header) return header;
  try {
    return new URLSearchParams(body).get("token") || undefined;
  } catch {
    return undefined;
  }
}
