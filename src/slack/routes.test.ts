import { Hono } from "hono";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openChronicle, type Chronicle } from "../chronicle.js";
import { createOfflineCondenser, type ChatMessage } from "../chat/index.js";
import { testConfig } from "../../test-support/test-config.js";
import { startFakeSlack, type FakeSlack } from "../../test-support/fake-slack.js";
import { commandBody, commandRequest, eventCallback, eventRequest, signedRequest, TEST_SIGNING_SECRET } from "../../test-support/fake-slack-requests.js";
import { describeCorpus } from "../corpus-description.js";
import { createBackgroundTasks, type BackgroundTasks } from "./background.js";
import { createSlackRoutes, type SlackRoutesOptions } from "./routes.js";

const BOMBERS = "When did Chinese and Russian bombers patrol near Alaska?";

let chronicle: Chronicle;
let fake: FakeSlack;
let logs: Array<Record<string, unknown>>;
let tasks: BackgroundTasks;
let condenserCalls: ChatMessage[][];

beforeAll(async () => {
  // The chronicle's own condenser, the offline one in the corpus's year, recorded: the tests see which
  // messages were condensed.
  const offline = createOfflineCondenser({ year: 2024 });
  chronicle = await openChronicle({ config: testConfig(), condenser: (messages, options) => (condenserCalls.push(messages), offline(messages, options)) });
});
afterAll(async () => {
  await chronicle.close();
});
beforeEach(async () => {
  fake = await startFakeSlack();
  logs = [];
  condenserCalls = [];
});
afterEach(async () => {
  await tasks?.idle();
  await fake.close();
});

/** The Slack settings of a bot talking to the fake Slack. */
const slackConfig = () => ({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_API_URL: fake.apiUrl });

/** The Slack routes mounted as the server will mount them, against the fake Slack, logging into `logs`. */
function slackApp(overrides: Partial<SlackRoutesOptions> = {}) {
  const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  tasks = createBackgroundTasks(logger);
  const routes = createSlackRoutes({
    chronicle,
    config: slackConfig(),
    logger,
    retry: { baseDelayMs: 20 },
    tasks,
    ...overrides,
  });
  return new Hono().route("/slack", routes);
}

function mention(text: string, extra: Record<string, unknown> = {}) {
  return { type: "app_mention", user: "U0USER", text: `<@UBOT> ${text}`, ts: "1721800000.000100", channel: "C0CHAN", event_ts: "1721800000.000100", ...extra };
}

const texts = (blocks: FakeSlack["posts"][number]["blocks"] = []) =>
  blocks.flatMap((block) => [block.text?.text ?? "", ...(block.elements ?? []).map((element) => element.text)]).join("\n");

describe("POST /slack/events", () => {
  it("answers the url_verification challenge", async () => {
    const app = slackApp();
    const res = await app.request(eventRequest({ type: "url_verification", token: "x", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("answers a mention in the mention's thread, with Block Kit and dated sources", async () => {
    const app = slackApp();
    const started = Date.now();
    const res = await app.request(eventRequest(eventCallback(mention(BOMBERS))));
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);

    const [post] = await fake.waitFor(() => fake.posts.length > 0 && fake.posts);
    expect(post).toMatchObject({ token: "xoxb-test-token", channel: "C0CHAN", thread_ts: "1721800000.000100" });
    expect(post.text).toContain("July 24");
    const [section, ...contexts] = post.blocks!;
    expect(section.type).toBe("section");
    expect(section.text).toMatchObject({ type: "mrkdwn" });
    expect(section.text!.text).toMatch(/July 24.*\[\d\]/s);
    expect(contexts.length).toBeGreaterThan(0);
    expect(contexts.every((block) => block.type === "context")).toBe(true);
    expect(texts(contexts)).toMatch(/\[\d\] July 24, 2024 — .*bombers/);
  });

  it("acknowledges before the answer is ready", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const app = slackApp({ chronicle: { chat: async (messages, options) => gate.then(() => chronicle.chat(messages, options)) } });
    const res = await app.request(eventRequest(eventCallback(mention(BOMBERS))));
    expect(res.status).toBe(200);
    expect(tasks.pending).toBe(1);
    release();
    await fake.waitFor(() => fake.posts.length === 1);
  });

  it("keeps an existing thread when the mention is a reply", async () => {
    const app = slackApp();
    await app.request(eventRequest(eventCallback(mention(BOMBERS, { ts: "1721800050.000200", thread_ts: "1721800000.000100" }))));
    const [post] = await fake.waitFor(() => fake.posts.length > 0 && fake.posts);
    expect(post.thread_ts).toBe("1721800000.000100");
  });

  it("answers a DM in the DM", async () => {
    const app = slackApp();
    const dm = { type: "message", channel_type: "im", user: "U0USER", text: BOMBERS, ts: "1721800100.000100", channel: "D0DM" };
    await app.request(eventRequest(eventCallback(dm)));
    const [post] = await fake.waitFor(() => fake.posts.length > 0 && fake.posts);
    expect(post.channel).toBe("D0DM");
    expect(post.thread_ts).toBeUndefined();
    expect(post.text).toContain("July 24");
  });

  it("answers a follow-up in the same thread with the thread's earlier turns", async () => {
    const app = slackApp();
    await app.request(eventRequest(eventCallback(mention(BOMBERS))));
    await fake.waitFor(() => fake.posts.length === 1);
    expect(condenserCalls).toHaveLength(0);

    const followUp = mention("What happened a month later?", { ts: "1721800200.000100", thread_ts: "1721800000.000100" });
    await app.request(eventRequest(eventCallback(followUp)));
    const post = await fake.waitFor(() => fake.posts[1]);

    expect(condenserCalls).toHaveLength(1);
    const [user, assistant, last] = condenserCalls[0];
    expect(user).toEqual({ role: "user", content: BOMBERS });
    expect(assistant.role).toBe("assistant");
    expect(assistant.content).toContain("July 24");
    expect(assistant.citations?.some((c) => c.date?.start === "2024-07-24")).toBe(true);
    expect(last).toEqual({ role: "user", content: "What happened a month later?" });

    expect(post.thread_ts).toBe("1721800000.000100");
    expect(texts(post.blocks)).toContain("Answering: What happened in August 2024?");
    expect(post.text).toMatch(/Aug/);
  });

  it("does not carry one thread's turns into another", async () => {
    const app = slackApp();
    await app.request(eventRequest(eventCallback(mention(BOMBERS))));
    await fake.waitFor(() => fake.posts.length === 1);
    await app.request(eventRequest(eventCallback(mention("What happened a month later?", { ts: "1721800300.000100" }))));
    await fake.waitFor(() => fake.posts.length === 2);
    expect(condenserCalls).toHaveLength(0);
  });

  it("answers a replayed event and a Slack retry of it once", async () => {
    const app = slackApp();
    const payload = eventCallback(mention(BOMBERS), "Ev0REPLAY");
    expect((await app.request(eventRequest(payload))).status).toBe(200);
    expect((await app.request(eventRequest(payload))).status).toBe(200);
    const retry = await app.request(eventRequest(payload, { headers: { "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout" } }));
    expect(retry.status).toBe(200);
    await tasks.idle();
    expect(fake.posts).toHaveLength(1);
    expect(fake.attempts).toHaveLength(1);
  });

  it("answers a retry whose first delivery never arrived, once", async () => {
    const app = slackApp();
    const payload = eventCallback(mention(BOMBERS), "Ev0LOST");
    await app.request(eventRequest(payload, { headers: { "X-Slack-Retry-Num": "1" } }));
    await app.request(eventRequest(payload, { headers: { "X-Slack-Retry-Num": "2" } }));
    await tasks.idle();
    expect(fake.posts).toHaveLength(1);
  });

  it("answers a DM that also mentions Chronicle once, though it arrives as two events", async () => {
    const app = slackApp();
    const message = { user: "U0USER", text: `<@UBOT> ${BOMBERS}`, ts: "1721800400.000100", channel: "D0DM" };
    await app.request(eventRequest(eventCallback({ ...message, type: "message", channel_type: "im" })));
    await app.request(eventRequest(eventCallback({ ...message, type: "app_mention" })));
    await tasks.idle();
    expect(fake.posts).toHaveLength(1);
  });

  it("ignores bot messages, its own included, and edits and deletions", async () => {
    const app = slackApp();
    const dm = { type: "message", channel_type: "im", user: "U0USER", text: BOMBERS, channel: "D0DM" };
    const ignored = [
      { ...dm, ts: "1.1", bot_id: "B0OTHER" },
      { ...dm, ts: "1.2", subtype: "bot_message", bot_id: "B0OTHER", user: undefined },
      { ...dm, ts: "1.3", user: "UBOT" },
      { ...dm, ts: "1.4", subtype: "message_changed", message: { text: BOMBERS } },
      { ...dm, ts: "1.5", subtype: "message_deleted" },
      mention(BOMBERS, { ts: "1.6", bot_id: "B0CHRONICLE" }),
    ];
    for (const event of ignored) {
      const res = await app.request(eventRequest(eventCallback(event)));
      expect(res.status).toBe(200);
    }
    await tasks.idle();
    expect(fake.attempts).toHaveLength(0);
    expect(logs.filter((line) => line.msg === "Slack event ignored")).toHaveLength(ignored.length);
  });

  it("asks for a question when a mention has none", async () => {
    const app = slackApp();
    await app.request(eventRequest(eventCallback(mention(""))));
    const [post] = await fake.waitFor(() => fake.posts.length > 0 && fake.posts);
    expect(post.text).toContain("Ask me a question");
  });

  it("retries once after a Slack 429, honouring Retry-After", async () => {
    const app = slackApp();
    fake.fail("chat.postMessage", { status: 429, retryAfter: 1 });
    await app.request(eventRequest(eventCallback(mention(BOMBERS))));
    await fake.waitFor(() => fake.posts.length > 0);
    expect(fake.attempts.map((a) => a.status)).toEqual([429, 200]);
    expect(fake.attempts[1].at - fake.attempts[0].at).toBeGreaterThanOrEqual(950);
    expect(logs.find((line) => line.target === "chat.postMessage" && line.attempt === 1)).toMatchObject({ retry: true, delayMs: 1000 });
  });

  it("gives up after three 5xx answers, logs each, and keeps serving", async () => {
    const app = slackApp();
    fake.fail("chat.postMessage", { status: 500 }, { status: 503 }, { status: 500 });
    await app.request(eventRequest(eventCallback(mention(BOMBERS))));
    await tasks.idle();
    expect(fake.attempts.map((a) => a.status)).toEqual([500, 503, 500]);
    expect(fake.posts).toHaveLength(0);
    const failures = logs.filter((line) => line.target === "chat.postMessage");
    expect(failures.map((line) => [line.attempt, line.retry])).toEqual([[1, true], [2, true], [3, false]]);
    expect(logs.some((line) => line.level === 50 && line.msg === "Slack event reply failed")).toBe(true);

    await app.request(eventRequest(eventCallback(mention(BOMBERS, { ts: "1721800500.000100" }))));
    await fake.waitFor(() => fake.posts.length === 1);
  });

  it("does not retry a Slack error that would only repeat", async () => {
    const app = slackApp();
    fake.fail("chat.postMessage", { slackError: "channel_not_found" });
    await app.request(eventRequest(eventCallback(mention(BOMBERS))));
    await tasks.idle();
    expect(fake.attempts).toHaveLength(1);
    expect(logs.find((line) => line.target === "chat.postMessage")).toMatchObject({ attempt: 1, retry: false });
  });

  it("tells the asker when answering fails", async () => {
    const app = slackApp({ chronicle: { chat: async () => Promise.reject(new Error("index unavailable")) } });
    await app.request(eventRequest(eventCallback(mention(BOMBERS))));
    const [post] = await fake.waitFor(() => fake.posts.length > 0 && fake.posts);
    expect(post.text).toContain("could not answer");
    expect(logs.some((line) => line.msg === "Slack question could not be answered" && line.err === "index unavailable")).toBe(true);
  });

  it("refuses a body over the size limit", async () => {
    const app = slackApp();
    const res = await app.request(eventRequest(eventCallback(mention("x".repeat(300 * 1024)))));
    expect(res.status).toBe(413);
  });
});

describe("request signing", () => {
  it("rejects a bad signature with 401 and does nothing", async () => {
    const app = slackApp();
    const res = await app.request(eventRequest(eventCallback(mention(BOMBERS)), { signature: `v0=${"0".repeat(64)}` }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "invalid_signature", message: expect.any(String) } });
    await tasks.idle();
    expect(fake.attempts).toHaveLength(0);
  });

  it("rejects a body signed with another secret, and a tampered body", async () => {
    const app = slackApp();
    expect((await app.request(eventRequest(eventCallback(mention(BOMBERS)), { secret: "another-secret" }))).status).toBe(401);
    const timestamp = Math.floor(Date.now() / 1000);
    const genuine = eventRequest({ type: "url_verification", challenge: "a" }, { timestamp });
    const tampered = new Request(genuine.url, { method: "POST", headers: genuine.headers, body: JSON.stringify({ type: "url_verification", challenge: "b" }) });
    expect((await app.request(tampered)).status).toBe(401);
  });

  it("rejects a stale timestamp with 401", async () => {
    const app = slackApp();
    const res = await app.request(eventRequest(eventCallback(mention(BOMBERS)), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("stale_request");
  });

  it("rejects a request without signature headers", async () => {
    const app = slackApp();
    const res = await app.request("/slack/commands", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: commandBody({ text: BOMBERS, response_url: fake.responseUrl() }) });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("missing_signature");
    await tasks.idle();
    expect(fake.attempts).toHaveLength(0);
  });
});

describe("POST /slack/commands", () => {
  it("acknowledges at once, then posts the answer to response_url", async () => {
    const app = slackApp();
    const started = Date.now();
    const res = await app.request(commandRequest({ command: "/chronicle", text: BOMBERS, response_url: fake.responseUrl("cmd") }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: "ephemeral", text: `:hourglass_flowing_sand: Working on it: ${BOMBERS}` });

    const [response] = await fake.waitFor(() => fake.responses.length > 0 && fake.responses);
    expect(response.path).toBe("/response/cmd");
    expect(response.body.response_type).toBe("in_channel");
    expect(response.body.text).toContain("July 24");
    expect(texts(response.body.blocks)).toContain(`<@U0USER> asked with /chronicle: ${BOMBERS}`);
    expect(texts(response.body.blocks)).toMatch(/\[\d\] July 24, 2024 — /);
    expect(fake.posts).toHaveLength(0);
  });

  it("acknowledges before the answer is ready", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const app = slackApp({ chronicle: { chat: async (messages, options) => gate.then(() => chronicle.chat(messages, options)) } });
    const res = await app.request(commandRequest({ text: BOMBERS, response_url: fake.responseUrl() }));
    expect((await res.json()).response_type).toBe("ephemeral");
    expect(fake.responses).toHaveLength(0);
    release();
    await fake.waitFor(() => fake.responses.length === 1);
  });

  it("reads Slack's escaped command text as typed", async () => {
    const app = slackApp();
    const res = await app.request(commandRequest({ text: "Trade &amp; energy &lt;2024&gt;?", response_url: fake.responseUrl() }));
    expect((await res.json()).text).toBe(":hourglass_flowing_sand: Working on it: Trade &amp; energy &lt;2024&gt;?");
    const [response] = await fake.waitFor(() => fake.responses.length > 0 && fake.responses);
    expect(texts(response.body.blocks)).toContain("asked with /chronicle: Trade &amp; energy &lt;2024&gt;?");
  });

  it("answers an empty command with its usage, naming the command it was given", async () => {
    const app = slackApp();
    const res = await app.request(commandRequest({ command: "/ask-corpus", text: "  ", response_url: fake.responseUrl() }));
    const body = await res.json();
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toContain("Usage: /ask-corpus &lt;question&gt;");
    await tasks.idle();
    expect(fake.attempts).toHaveLength(0);
  });

  it("describes the corpus in `help` from its profile, and generally before the index is loaded", async () => {
    const app = slackApp({ corpus: () => describeCorpus(chronicle) });
    const { text } = await (await app.request(commandRequest({ text: "help", response_url: fake.responseUrl() }))).json();
    const [first, second] = chronicle.profile.sampleQuestions;
    expect(text).toContain(`${chronicle.profile.title}: ${chronicle.profile.description}`);
    expect(text).toContain(`/chronicle ${first}\n/chronicle ${second}\n`);
    const loading = slackApp({ corpus: () => undefined });
    const general = (await (await loading.request(commandRequest({ text: "help", response_url: fake.responseUrl() }))).json()).text;
    expect(general).toBe("Usage: /chronicle &lt;question&gt;\nThe answer cites its sources with [n].");
  });

  it("refuses a question over the limit to the asker alone, counting characters as the API does", async () => {
    const app = slackApp();
    const res = await app.request(commandRequest({ text: "x".repeat(3000), response_url: fake.responseUrl() }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      response_type: "ephemeral",
      text: "Your question is 3000 characters; the limit is 2000. Ask a shorter question: /chronicle &lt;question&gt;",
    });
    const emoji = await app.request(commandRequest({ text: "😀".repeat(2001), response_url: fake.responseUrl() }));
    expect((await emoji.json()).text).toMatch(/^Your question is 2001 characters; the limit is 2000\./);
    await tasks.idle();
    expect(fake.attempts).toHaveLength(0);
  });

  it("posts a refusal as a refusal", async () => {
    const app = slackApp();
    await app.request(commandRequest({ text: "qwzx vbnmk plorf?", response_url: fake.responseUrl() }));
    const [response] = await fake.waitFor(() => fake.responses.length > 0 && fake.responses);
    expect(response.body.text).toMatch(/^:grey_question: .*The corpus does not cover this question\.$/);
    expect(response.body.blocks!.filter((block) => block.type === "section")).toHaveLength(1);
  });

  it("posts a refusal that shows the closest passages with them as its sources", async () => {
    const app = slackApp();
    await app.request(commandRequest({ text: "What did Putin eat at the Kazan summit?", response_url: fake.responseUrl() }));
    const [response] = await fake.waitFor(() => fake.responses.length > 0 && fake.responses);
    expect(response.body.text).toMatch(/^:grey_question: I found no direct answer/);
    expect(response.body.blocks!.filter((block) => block.type === "context").length).toBeGreaterThan(0);
  });

  it("will not post to a response_url that is not http(s)", async () => {
    const app = slackApp();
    const res = await app.request(commandRequest({ text: BOMBERS, response_url: "file:///etc/passwd" }));
    expect((await res.json()).text).toContain("no usable response_url");
    await tasks.idle();
    expect(fake.attempts).toHaveLength(0);
  });

  it("retries a response_url that answers 429", async () => {
    const app = slackApp();
    fake.fail("response_url", { status: 429, retryAfter: 1 });
    await app.request(commandRequest({ text: BOMBERS, response_url: fake.responseUrl() }));
    await fake.waitFor(() => fake.responses.length > 0, 15_000);
    expect(fake.attempts.map((a) => a.status)).toEqual([429, 200]);
  });

  it("answers Slack's ssl_check with 200", async () => {
    const app = slackApp();
    const res = await app.request(signedRequest({ path: "/slack/commands", contentType: "application/x-www-form-urlencoded", body: "ssl_check=1&token=x" }));
    expect(res.status).toBe(200);
  });
});

describe("Mattermost slash commands", () => {
  const mattermost = (fields: Record<string, string>, headers: Record<string, string>) =>
    new Request("http://localhost/slack/commands", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: commandBody(fields) });

  it("accepts the command token and replies in Markdown to response_url", async () => {
    const app = slackApp({ config: { ...slackConfig(), MATTERMOST_TOKEN: "mm-token-123" } });
    const res = await app.request(mattermost({ text: "Tell me about Putin's visit & the SCO summit", response_url: fake.responseUrl("mm") }, { Authorization: "Token mm-token-123" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: "ephemeral", text: ":hourglass_flowing_sand: Working on it: Tell me about Putin's visit & the SCO summit" });
    const [response] = await fake.waitFor(() => fake.responses.length > 0 && fake.responses);
    expect(response.body.response_type).toBe("in_channel");
    expect(response.body.blocks).toBeUndefined();
    expect(response.body.text).toContain("_@ana asked with /chronicle: Tell me about Putin's visit & the SCO summit_");
    expect(response.body.text).toMatch(/\*\*Sources\*\*\n\[1\] /);
    expect(response.body.text).not.toContain("&amp;");
  });

  it("accepts the token as a form field, and refuses a wrong one", async () => {
    const app = slackApp({ config: { ...slackConfig(), MATTERMOST_TOKEN: "mm-token-123" } });
    expect((await app.request(mattermost({ text: "", token: "mm-token-123" }, {}))).status).toBe(200);
    const wrong = await app.request(mattermost({ text: BOMBERS, token: "mm-token-124", response_url: fake.responseUrl() }, {}));
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe("invalid_token");
    await tasks.idle();
    expect(fake.attempts).toHaveLength(0);
  });

  it("works without any Slack setting, while Slack events stay unavailable", async () => {
    const app = slackApp({ config: { MATTERMOST_TOKEN: "mm-token-123" } });
    const res = await app.request(mattermost({ text: BOMBERS, response_url: fake.responseUrl() }, { Authorization: "Token mm-token-123" }));
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.responses.length > 0);
    expect((await app.request(eventRequest({ type: "url_verification", challenge: "a" }))).status).toBe(503);
  });
});

describe("without configuration", () => {
  it("answers 503 on every route, naming what is missing", async () => {
    const app = slackApp({ config: {} });
    for (const req of [eventRequest({ type: "url_verification", challenge: "a" }), commandRequest({ text: BOMBERS }), new Request("http://localhost/slack/other")]) {
      const res = await app.request(req);
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.error.code).toBe("slack_not_configured");
      expect(body.error.message).toContain("SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN");
    }
  });

  it("names only the variable that is missing", async () => {
    const app = slackApp({ config: { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET } });
    const body = await (await app.request(eventRequest({ type: "url_verification", challenge: "a" }))).json();
    expect(body.error.message).toBe("Slack integration is not configured: set SLACK_BOT_TOKEN");
  });

  it("leaves the rest of the server alone", async () => {
    const server = new Hono();
    server.get("/health", (c) => c.json({ ok: true }));
    server.route("/slack", createSlackRoutes({ chronicle, config: {}, logger: pino({ level: "silent" }) }));
    expect((await server.request("/health")).status).toBe(200);
    expect((await server.request("/slack/events", { method: "POST" })).status).toBe(503);
  });
});

describe("rating buttons and POST /slack/interactions", () => {
  /** A feedback sink as the server wires it: answers remembered by id, one rating per answer and rater. */
  function memoryFeedback() {
    const answers = new Map<string, string>();
    const ratings = new Map<string, string>();
    const feedback: NonNullable<SlackRoutesOptions["feedback"]> = {
      remember: async (result) => void answers.set(result.id, result.answer),
      async rate({ answerId, rating, rater }) {
        if (!answers.has(answerId)) return "unknown";
        const key = `${answerId}/${rater}`;
        const outcome = ratings.has(key) ? "replaced" : "recorded";
        ratings.set(key, rating);
        return outcome;
      },
    };
    return { feedback, ratings };
  }
  const press = (actionId: string, answerId: string, user = "U0USER") =>
    signedRequest({
      path: "/slack/interactions",
      contentType: "application/x-www-form-urlencoded",
      body: commandBody({ payload: JSON.stringify({ type: "block_actions", user: { id: user }, response_url: fake.responseUrl("rate"), actions: [{ action_id: actionId, value: answerId, type: "button" }] }) }),
    });

  it("puts 👍 and 👎 under an answer, records a press per user, and a second press replaces the first", async () => {
    const { feedback, ratings } = memoryFeedback();
    const app = slackApp({ feedback });
    await app.request(eventRequest(eventCallback(mention(BOMBERS))));
    const post = await fake.waitFor(() => fake.posts[0]);
    const actions = (post.blocks ?? []).find((block) => block.type === "actions") as unknown as { elements: Array<{ action_id: string; value: string }> };
    expect(actions.elements.map((element) => element.action_id)).toEqual(["chronicle_rate_up", "chronicle_rate_down"]);
    const answerId = actions.elements[0].value;

    expect((await app.request(press("chronicle_rate_up", answerId))).status).toBe(200);
    expect((await app.request(press("chronicle_rate_down", answerId))).status).toBe(200);
    expect((await app.request(press("chronicle_rate_up", answerId, "U0OTHER"))).status).toBe(200);
    expect([...ratings]).toEqual([[`${answerId}/slack:U0USER`, "down"], [`${answerId}/slack:U0OTHER`, "up"]]);
    await fake.waitFor(() => fake.responses.length === 3);
    expect(fake.responses.map((r) => r.body.text)).toEqual(["Thanks, your rating was recorded.", "Thanks, your rating was updated.", "Thanks, your rating was recorded."]);
    expect(fake.responses.every((r) => r.body.response_type === "ephemeral")).toBe(true);
  });

  it("says so when the answer is no longer remembered, and refuses an unsigned press", async () => {
    const { feedback } = memoryFeedback();
    const app = slackApp({ feedback });
    expect((await app.request(press("chronicle_rate_up", "forgotten"))).status).toBe(200);
    await fake.waitFor(() => fake.responses.length === 1);
    expect(fake.responses[0].body.text).toMatch(/too old to rate/);
    const unsigned = signedRequest({ path: "/slack/interactions", contentType: "application/x-www-form-urlencoded", body: "payload=%7B%7D", signature: "v0=bad" });
    expect((await app.request(unsigned)).status).toBe(401);
  });

  it("shows no buttons when the server keeps no feedback", async () => {
    const app = slackApp();
    await app.request(eventRequest(eventCallback(mention(BOMBERS))));
    const post = await fake.waitFor(() => fake.posts[0]);
    expect((post.blocks ?? []).some((block) => block.type === "actions")).toBe(false);
  });
});
