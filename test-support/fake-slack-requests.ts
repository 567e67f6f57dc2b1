import { createHmac } from "node:crypto";

/** The signing secret tests sign with and give the routes. */
export const TEST_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

export interface SignedRequestOptions {
  path: string;
  body: string;
  contentType: string;
  secret?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Replaces the computed signature. */
  signature?: string;
  headers?: Record<string, string>;
}

/** Slack's v0 signature, computed independently of the code under test. */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** A request as Slack sends it, signed unless told otherwise. */
export function signedRequest(options: SignedRequestOptions): Request {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return new Request(`http://localhost${options.path}`, {
    method: "POST",
    headers: {
      "Content-Type": options.contentType,
      "X-Slack-Request-Timestamp": String(timestamp),
      "X-Slack-Signature": options.signature ?? signBody(options.secret ?? TEST_SIGNING_SECRET, timestamp, options.body),
      ...options.headers,
    },
    body: options.body,
  });
}

/** An Events API delivery of `event`, signed. */
export function eventRequest(payload: object, options: Partial<SignedRequestOptions> = {}): Request {
  return signedRequest({ path: "/slack/events", contentType: "application/json", body: JSON.stringify(payload), ...options });
}

let nextEvent = 1;

/** An event_callback envelope around `event`, with a fresh event_id unless given. */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev${String(nextEvent++).padStart(8, "0")}`): Record<string, unknown> {
  return {
    token: "deprecated-verification-token",
    team_id: "T0001",
    api_app_id: "A0001",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T0001", user_id: "UBOT", is_bot: true }],
    event,
  };
}

/** A slash command's form body as Slack (or Mattermost) sends it. */
export function commandBody(fields: Record<string, string>): string {
  return new URLSearchParams({ command: "/chronicle", text: "", user_id: "U0USER", user_name: "ana", channel_id: "C0CHAN", team_id: "T0001", trigger_id: "1.2.3", ...fields }).toString();
}

/** A signed slash-command request. */
export function commandRequest(fields: Record<string, string>, options: Partial<SignedRequestOptions> = {}): Request {
  return signedRequest({ path: "/slack/commands", contentType: "application/x-www-form-urlencoded", body: commandBody(fields), ...options });
}
