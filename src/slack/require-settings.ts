import { createMiddleware } from "hono/factory";

/** The Slack settings a deployment lacks, by environment variable name. */
export function missingSlackSettings(config: { SLACK_SIGNING_SECRET?: string; SLACK_BOT_TOKEN?: string }): string[] {
  return [!config.SLACK_SIGNING_SECRET && "SLACK_SIGNING_SECRET", !config.SLACK_BOT_TOKEN && "SLACK_BOT_TOKEN"].filter((name): name is string => Boolean(name));
}

/**
 * Middleware that answers 503, naming the variables to set, while any are missing; decided once, when the
 * routes are built, since configuration does not change while the server runs.
 */
export function requireSettings(missing: string[]) {
  const body = { error: { code: "slack_not_configured", message: `Slack integration is not configured: set ${missing.join(" and ")}` } };
  return createMiddleware(async (c, next) => {
    if (missing.length > 0) return c.json(body, 503);
    await next();
  });
}
