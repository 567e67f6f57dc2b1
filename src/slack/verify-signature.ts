import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import { mattermostTokenFrom } from "./mattermost.js";
import type { SlackEnv } from "./types.js";

/** Why a request was turned away; `code` is what the 401 body carries. */
export type SignatureCheck = { ok: true } | { ok: false; code: "missing_signature" | "invalid_signature" | "stale_request"; message: string };

export interface SlackSignatureInput {
  signingSecret: string;
  /** X-Slack-Request-Timestamp: seconds since the epoch. */
  timestamp: string | undefined;
  /** X-Slack-Signature: "v0=" and a hex HMAC. */
  signature: string | undefined;
  /** The body bytes exactly as received: re-encoding parsed data would not reproduce them. */
  body: Uint8Array;
  /** Milliseconds since the epoch. */
  now: number;
  toleranceSeconds?: number;
}

/** Slack's replay window: a signed request older or newer than this is refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** The v0 signature Slack sends for a body at a timestamp. */
export function slackSignature(signingSecret: string, timestamp: string, body: Uint8Array | string): string {
  const hmac = createHmac("sha256", signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(body);
  return `v0=${hmac.digest("hex")}`;
}

/** Checks Slack's v0 request signature (https://api.slack.com/authentication/verifying-requests-from-slack). */
export function checkSlackSignature(input: SlackSignatureInput): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) {
    return { ok: false, code: "missing_signature", message: "Slack request is missing X-Slack-Signature or X-Slack-Request-Timestamp" };
  }
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  const tolerance = input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (!Number.isFinite(seconds) || Math.abs(input.now / 1000 - seconds) > tolerance) {
    return { ok: false, code: "stale_request", message: `Slack request timestamp is more than ${tolerance} seconds from now` };
  }
  if (!constantTimeEqual(signature, slackSignature(input.signingSecret, timestamp, input.body))) {
    return { ok: false, code: "invalid_signature", message: "Slack request signature does not match" };
  }
  return { ok: true };
}

/**
 * Compares secrets without leaking, through timing, where they differ or how long the expected one is:
 * both sides are hashed to equal-length digests first, as timingSafeEqual requires.
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export interface SignatureVerifierOptions {
  /** SLACK_SIGNING_SECRET; when unset, Slack-signed requests get 503 naming it. */
  signingSecret?: string;
  /**
   * A Mattermost outgoing slash-command token. When set, a request without Slack's signature headers
   * is let through if it carries this token (`Authorization: Token …` or form field `token`).
   */
  mattermostToken?: string;
  toleranceSeconds?: number;
  /** Milliseconds since the epoch; for tests. */
  now?: () => number;
}

/**
 * Middleware that lets through only requests from Slack (v0 signature over the raw body, fresh timestamp)
 * or, if configured, Mattermost (its token). It reads the body once and leaves it on the context as
 * `slackRawBody`, with `slackPlatform` saying who sent it. Anything else gets a 401 and goes no further.
 */
export function createSignatureVerifier(options: SignatureVerifierOptions) {
  const { signingSecret, mattermostToken, toleranceSeconds } = options;
  const now = options.now ?? Date.now;
  const decoder = new TextDecoder();

  return createMiddleware<SlackEnv>(async (c, next) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const body = decoder.decode(bytes);
    c.set("slackRawBody", body);

    const signature = c.req.header("x-slack-signature");
    if (signature !== undefined || !mattermostToken) {
      if (!signingSecret) return notConfigured(c);
      const check = checkSlackSignature({ signingSecret, signature, timestamp: c.req.header("x-slack-request-timestamp"), body: bytes, now: now(), toleranceSeconds });
      if (!check.ok) return unauthorized(c, check.code, check.message);
      c.set("slackPlatform", "slack");
      return next();
    }

    const token = mattermostTokenFrom(c.req.header("authorization"), body);
    if (!token) return unauthorized(c, "missing_signature", "Request carries neither a Slack signature nor a Mattermost token");
    if (!constantTimeEqual(token, mattermostToken)) return unauthorized(c, "invalid_token", "Mattermost token does not match");
    c.set("slackPlatform", "mattermost");
    return next();
  });
}

function unauthorized(c: Context, code: string, message: string) {
  return c.json({ error: { code, message } }, 401);
}

function notConfigured(c: Context) {
  return c.json({ error: { code: "slack_not_configured", message: "Slack is not configured: set SLACK_SIGNING_SECRET" } }, 503);
}
