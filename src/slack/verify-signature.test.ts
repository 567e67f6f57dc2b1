import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { signBody, TEST_SIGNING_SECRET } from "../../test-support/fake-slack-requests.js";
import { checkSlackSignature, constantTimeEqual, createSignatureVerifier, slackSignature } from "./verify-signature.js";
import type { SlackEnv } from "./types.js";

const NOW = 1_721_800_000_000;
const TS = String(NOW / 1000);
const body = new TextEncoder().encode("token=x&command=%2Fchronicle&text=hi");

describe("slackSignature", () => {
  it("matches Slack's documented example", () => {
    // The worked example from https://api.slack.com/authentication/verifying-requests-from-slack
    const example =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    expect(slackSignature("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", example)).toBe("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  });
});

describe("checkSlackSignature", () => {
  const input = { signingSecret: TEST_SIGNING_SECRET, timestamp: TS, signature: signBody(TEST_SIGNING_SECRET, Number(TS), new TextDecoder().decode(body)), body, now: NOW };

  it("accepts a genuine signature within five minutes", () => {
    expect(checkSlackSignature(input)).toEqual({ ok: true });
    expect(checkSlackSignature({ ...input, now: NOW + 299_000 })).toEqual({ ok: true });
    expect(checkSlackSignature({ ...input, now: NOW - 299_000 })).toEqual({ ok: true });
  });

  it("rejects a timestamp more than five minutes away, either way", () => {
    expect(checkSlackSignature({ ...input, now: NOW + 301_000 })).toMatchObject({ ok: false, code: "stale_request" });
    expect(checkSlackSignature({ ...input, now: NOW - 301_000 })).toMatchObject({ ok: false, code: "stale_request" });
    expect(checkSlackSignature({ ...input, timestamp: "soon" })).toMatchObject({ ok: false, code: "stale_request" });
  });

  it("rejects a wrong signature, another secret, a tampered body and a malformed header", () => {
    expect(checkSlackSignature({ ...input, signingSecret: "other" })).toMatchObject({ ok: false, code: "invalid_signature" });
    expect(checkSlackSignature({ ...input, body: new TextEncoder().encode("token=x&command=%2Fchronicle&text=ho") })).toMatchObject({ ok: false, code: "invalid_signature" });
    expect(checkSlackSignature({ ...input, signature: "v0=abc" })).toMatchObject({ ok: false, code: "invalid_signature" });
    expect(checkSlackSignature({ ...input, signature: input.signature.replace("v0=", "v1=") })).toMatchObject({ ok: false, code: "invalid_signature" });
  });

  it("rejects missing headers", () => {
    expect(checkSlackSignature({ ...input, signature: undefined })).toMatchObject({ ok: false, code: "missing_signature" });
    expect(checkSlackSignature({ ...input, timestamp: undefined })).toMatchObject({ ok: false, code: "missing_signature" });
  });

  it("signs the bytes, not a re-encoding of them", () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode("text="), 0xe9]);
    const signature = slackSignature(TEST_SIGNING_SECRET, TS, latin1);
    expect(checkSlackSignature({ ...input, body: latin1, signature })).toEqual({ ok: true });
    expect(checkSlackSignature({ ...input, body: new TextEncoder().encode(new TextDecoder().decode(latin1)), signature })).toMatchObject({ ok: false });
  });
});

describe("constantTimeEqual", () => {
  it("compares strings of any lengths", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "x")).toBe(false);
  });
});

describe("createSignatureVerifier", () => {
  const app = (options: Parameters<typeof createSignatureVerifier>[0]) =>
    new Hono<SlackEnv>().post("/", createSignatureVerifier({ now: () => NOW, ...options }), (c) => c.json({ platform: c.get("slackPlatform"), body: c.get("slackRawBody") }));
  const post = (headers: Record<string, string>, payload = "text=hi") => new Request("http://localhost/", { method: "POST", headers, body: payload });

  it("passes a signed request on with its raw body", async () => {
    const res = await app({ signingSecret: TEST_SIGNING_SECRET }).request(post({ "X-Slack-Request-Timestamp": TS, "X-Slack-Signature": signBody(TEST_SIGNING_SECRET, Number(TS), "text=hi") }));
    expect(await res.json()).toEqual({ platform: "slack", body: "text=hi" });
  });

  it("answers 401 with a JSON error otherwise", async () => {
    const res = await app({ signingSecret: TEST_SIGNING_SECRET }).request(post({ "X-Slack-Request-Timestamp": TS, "X-Slack-Signature": "v0=00" }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "invalid_signature", message: "Slack request signature does not match" } });
  });

  it("takes a Mattermost token from the Authorization header or the form", async () => {
    const verifier = app({ signingSecret: TEST_SIGNING_SECRET, mattermostToken: "mm-1" });
    expect(await (await verifier.request(post({ Authorization: "Token mm-1" }))).json()).toMatchObject({ platform: "mattermost" });
    expect(await (await verifier.request(post({}, "token=mm-1&text=hi"))).json()).toMatchObject({ platform: "mattermost" });
    expect((await verifier.request(post({ Authorization: "Token mm-2" }))).status).toBe(401);
    expect((await verifier.request(post({ Authorization: "Bearer mm-1" }))).status).toBe(401);
    expect((await verifier.request(post({}))).status).toBe(401);
  });

  it("does not let a Slack-signed request fall back to the token", async () => {
    const verifier = app({ signingSecret: TEST_SIGNING_SECRET, mattermostToken: "mm-1" });
    const res = await verifier.request(post({ "X-Slack-Request-Timestamp": TS, "X-Slack-Signature": "v0=00" }, "token=mm-1"));
    expect(res.status).toBe(401);
  });

  it("answers 503 to a Slack request when no signing secret is set", async () => {
    const res = await app({ mattermostToken: "mm-1" }).request(post({ "X-Slack-Request-Timestamp": TS, "X-Slack-Signature": "v0=00" }));
    expect(res.status).toBe(503);
    expect((await res.json()).error.message).toContain("SLACK_SIGNING_SECRET");
  });
});
