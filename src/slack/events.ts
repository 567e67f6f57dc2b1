import type { Handler } from "hono";
import { z } from "zod";
import type { CorpusDescription } from "../corpus-description.js";
import type { Logger } from "../logger.js";
import type { BackgroundTasks } from "./background.js";
import type { ConversationAnswerer } from "./conversation.js";
import { mentionHelp } from "./help-text.js";
import { plainTextFromSlack } from "./mrkdwn.js";
import { FAILURE_NOTICE, formatNotice, formatReply } from "./reply-blocks.js";
import type { MessageTarget, ReplySender } from "./reply-sender.js";
import type { EventClaims } from "../store/index.js";
import type { SlackEnv } from "./types.js";

const SlackEvent = z.object({
  type: z.string(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  user: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
  channel: z.string().optional(),
  channel_type: z.string().optional(),
});

const Envelope = z.discriminatedUnion("type", [
  z.object({ type: z.literal("url_verification"), challenge: z.string() }),
  z.object({
    type: z.literal("event_callback"),
    event_id: z.string().optional(),
    team_id: z.string().optional(),
    authorizations: z.array(z.object({ user_id: z.string().optional() })).optional(),
    event: SlackEvent,
  }),
]);

type SlackEventData = z.infer<typeof SlackEvent>;

/** A message Chronicle should answer, and where the answer goes. */
export interface IncomingQuestion {
  kind: "mention" | "dm";
  text: string;
  user?: string;
  ts: string;
  target: MessageTarget;
  /** Identifies the conversation whose earlier turns a follow-up is read against. */
  threadKey: string;
  /** Identifies the message itself, whichever event announced it. */
  messageKey: string;
}

/**
 * Decides whether an event is a question for Chronicle. Mentions are answered in their thread (a new
 * thread under a top-level mention); DMs in the DM, threaded only if the message was. Anything from a bot
 * (Chronicle included) and any message with a subtype (edits, deletions, joins, bot posts) is not a question.
 */
export function incomingQuestion(event: SlackEventData, context: { teamId?: string; botUserId?: string } = {}): IncomingQuestion | { ignore: string } {
  if (event.bot_id || event.subtype === "bot_message") return { ignore: "bot message" };
  if (event.subtype) return { ignore: `message subtype ${event.subtype}` };
  if (context.botUserId && event.user === context.botUserId) return { ignore: "own message" };
  if (!event.channel || !event.ts) return { ignore: "no channel or ts" };
  const team = context.teamId ?? "-";
  const text = plainTextFromSlack(event.text ?? "");
  const base = { text, user: event.user, ts: event.ts, messageKey: `${team}:${event.channel}:${event.ts}` };
  if (event.type === "app_mention") {
    const thread = event.thread_ts ?? event.ts;
    return { ...base, kind: "mention", target: { channel: event.channel, thread_ts: thread }, threadKey: `${team}:${event.channel}:${thread}` };
  }
  if (event.type === "message" && event.channel_type === "im") {
    // A DM is one running conversation unless the user opens threads in it.
    return {
      ...base,
      kind: "dm",
      target: { channel: event.channel, ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}) },
      threadKey: `${team}:${event.channel}:${event.thread_ts ?? "dm"}`,
    };
  }
  return { ignore: `event ${event.type}${event.channel_type ? ` in ${event.channel_type}` : ""}` };
}

export interface EventsHandlerOptions {
  answer: ConversationAnswerer;
  sender: ReplySender;
  /** Which events and messages were already handled, by any replica. */
  seen: EventClaims;
  tasks: BackgroundTasks;
  logger: Logger;
  /** Whether answers carry rating buttons (when the server stores feedback). */
  rateable?: boolean;
  /** What the help for an empty mention says about the corpus; undefined (general help) while the index loads. */
  corpus?: () => CorpusDescription | undefined;
}

/**
 * POST /slack/events: answers Slack's url_verification, and acknowledges every event at once; questions
 * are answered afterwards, in the background, so the acknowledgement always beats Slack's 3-second limit.
 */
export function createEventsHandler(options: EventsHandlerOptions): Handler<SlackEnv> {
  const { answer, sender, seen, tasks, logger } = options;

  const reply = async (question: IncomingQuestion) => {
    if (!question.text) {
      await sender.postMessage(question.target, formatNotice(mentionHelp(options.corpus?.())));
      return;
    }
    let replyMessage;
    try {
      const { result, standalone } = await answer(question.text, question.threadKey);
      replyMessage = formatReply(result, { understoodAs: standalone !== question.text ? standalone : undefined, ...(options.rateable ? { answerId: result.id } : {}) });
      logger.info({ kind: question.kind, channel: question.target.channel, refused: result.refused, citations: result.citations.length }, "Slack question answered");
    } catch (error) {
      logger.error({ kind: question.kind, channel: question.target.channel, err: error instanceof Error ? error.message : String(error) }, "Slack question could not be answered");
      replyMessage = formatNotice(FAILURE_NOTICE);
    }
    await sender.postMessage(question.target, replyMessage);
  };

  return async (c) => {
    let json: unknown;
    try {
      json = JSON.parse(c.get("slackRawBody"));
    } catch {
      return c.json({ error: { code: "invalid_request", message: "Slack event body is not JSON" } }, 400);
    }
    const parsed = Envelope.safeParse(json);
    // Other envelope types (app_rate_limited, …) need nothing but the acknowledgement.
    if (!parsed.success) return c.json({ ok: true });
    const payload = parsed.data;
    if (payload.type === "url_verification") return c.json({ challenge: payload.challenge });

    const retryNum = c.req.header("x-slack-retry-num");
    const question = incomingQuestion(payload.event, { teamId: payload.team_id, botUserId: payload.authorizations?.[0]?.user_id });
    if ("ignore" in question) {
      logger.debug({ eventId: payload.event_id, reason: question.ignore }, "Slack event ignored");
      return c.json({ ok: true });
    }
    // A retry is answered only if the first delivery never arrived (e.g. the server was restarting);
    // a DM that mentions Chronicle arrives as two events about one message, hence the second key.
    let firstEvent: boolean;
    let firstMessage: boolean;
    try {
      firstEvent = payload.event_id ? await seen.claim(`event:${payload.event_id}`) : retryNum === undefined;
      firstMessage = await seen.claim(`message:${question.messageKey}`);
    } catch (error) {
      // Without the store no replica can tell a retry from a first delivery: Slack is asked to retry later.
      logger.warn({ eventId: payload.event_id, err: (error as Error).message }, "Slack event not handled: the state store is unavailable");
      return c.json({ error: { code: "database_unavailable", message: "the state store is unavailable; retry later" } }, 503);
    }
    if (!firstEvent || !firstMessage) {
      logger.info({ eventId: payload.event_id, retryNum, retryReason: c.req.header("x-slack-retry-reason") }, "Slack event already handled");
      return c.json({ ok: true });
    }
    tasks.run("event reply", () => reply(question), { eventId: payload.event_id, kind: question.kind });
    return c.json({ ok: true });
  };
}
