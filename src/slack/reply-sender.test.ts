import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebAPIRequestError } from "@slack/web-api";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeSlack, type FakeSlack } from "../../test-support/fake-slack.js";
import { SlackDeliveryError } from "./errors.js";
import { createReplySender } from "./reply-sender.js";

const logger = pino({ level: "silent" });
const noWait = async () => {};
const reply = { text: "Hello [1]", blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: "Hello [1]" } }] };

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
});

/** A loopback port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("createReplySender", () => {
  it("posts with the bot token to an API base given without its trailing slash", async () => {
    const sender = createReplySender({ token: "xoxb-1", apiUrl: `${fake.url}/api`, logger });
    await sender.postMessage({ channel: "C1", thread_ts: "1.1" }, reply);
    expect(fake.posts).toEqual([expect.objectContaining({ token: "xoxb-1", channel: "C1", thread_ts: "1.1", text: "Hello [1]", blocks: reply.blocks, unfurl_links: "false" })]);
  });

  it("sends everything through an injected fetch", async () => {
    const seen: string[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    const sender = createReplySender({ token: "xoxb-1", apiUrl: fake.apiUrl, fetch: recording, logger });
    await sender.postMessage({ channel: "C1" }, reply);
    await sender.postToResponseUrl(fake.responseUrl("r"), { response_type: "in_channel", ...reply });
    expect(seen).toEqual([`${fake.apiUrl}chat.postMessage`, fake.responseUrl("r")]);
    expect(fake.responses[0].body).toEqual({ response_type: "in_channel", ...reply });
  });

  it("retries network failures, then gives up with the last one as the cause", async () => {
    const port = await closedPort();
    const sender = createReplySender({ token: "xoxb-1", apiUrl: `http://127.0.0.1:${port}/api/`, logger, sleep: noWait });
    const failure = sender.postMessage({ channel: "C1" }, reply);
    await expect(failure).rejects.toBeInstanceOf(SlackDeliveryError);
    await expect(failure).rejects.toMatchObject({ attempts: 3, cause: expect.any(WebAPIRequestError) });
    const viaUrl = sender.postToResponseUrl(`http://127.0.0.1:${port}/response/1`, { response_type: "ephemeral", text: "x" });
    await expect(viaUrl).rejects.toMatchObject({ attempts: 3 });
  });

  it("does not retry a response_url that answers 404", async () => {
    const sender = createReplySender({ logger, sleep: noWait });
    await expect(sender.postToResponseUrl(`${fake.url}/nowhere`, { response_type: "ephemeral", text: "x" })).rejects.toMatchObject({ attempts: 1 });
  });

  it("refuses a response_url that is not http(s) before sending anything", async () => {
    const sender = createReplySender({ logger, sleep: noWait });
    await expect(sender.postToResponseUrl("file:///etc/passwd", { response_type: "ephemeral", text: "x" })).rejects.toThrow(/must be http\(s\)/);
    await expect(sender.postToResponseUrl("not a url", { response_type: "ephemeral", text: "x" })).rejects.toThrow(/not a URL/);
  });

  it("cannot post to Slack without a bot token", async () => {
    await expect(createReplySender({ logger }).postMessage({ channel: "C1" }, reply)).rejects.toThrow(/SLACK_BOT_TOKEN/);
  });
});
