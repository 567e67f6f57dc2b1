import type { Handler } from "hono";
import type { CorpusDescription } from "../corpus-description.js";
import type { Logger } from "../logger.js";
import { questionTooLong } from "../text/question-length.js";
import type { BackgroundTasks } from "./background.js";
import type { ConversationAnswerer } from "./conversation.js";
import { commandHelp } from "./help-text.js";
import { escapeMrkdwn, plainTextFromSlack } from "./mrkdwn.js";
import { FAILURE_NOTICE, formatNotice, formatReply } from "./reply-blocks.js";
import { httpUrl, type ReplySender, type ResponseUrlMessage } from "./reply-sender.js";
import type { SlackEnv } from "./types.js";

export interface CommandsHandlerOptions {
  answer: ConversationAnswerer;
  sender: ReplySender;
  tasks: BackgroundTasks;
  logger: Logger;
  /** Whether answers carry rating buttons (when the server stores feedback). */
  rateable?: boolean;
  /** What the help text says about the corpus; undefined (general help) while the index loads. */
  corpus?: () => CorpusDescription | undefined;
}

/** The command name when the form's is missing or odd. */
export const DEFAULT_COMMAND = "/chronicle";

/** An immediate slash-command reply; Slack and Mattermost both read this shape. */
interface CommandResponse {
  response_type: "ephemeral" | "in_channel";
  text: string;
}

/**
 * POST /slack/commands: `/chronicle <question>` from Slack or Mattermost. Answers at once with an
 * ephemeral acknowledgement, then posts the answer to the request's response_url: answering can take
 * longer than the 3 seconds Slack waits for the HTTP response.
 */
export function createCommandsHandler(options: CommandsHandlerOptions): Handler<SlackEnv> {
  const { answer, sender, tasks, logger } = options;

  return async (c) => {
    const platform = c.get("slackPlatform");
    const form = new URLSearchParams(c.get("slackRawBody"));
    // Slack checks the certificate of a command URL with this; it wants a 200 and nothing else.
    if (form.get("ssl_check") === "1") return c.body(null, 200);

    const command = commandName(form.get("command"));
    // Slack escapes &, < and > in command text (and writes mentions as markup); Mattermost sends it as typed.
    const raw = form.get("text") ?? "";
    const text = platform === "slack" ? plainTextFromSlack(raw) : raw.trim();
    const say = (message: string): CommandResponse => ({ response_type: "ephemeral", text: platform === "slack" ? escapeMrkdwn(message) : message });
    if (!text || text.toLowerCase() === "help") return c.json(say(commandHelp(command, options.corpus?.())));
    // Refused here, to the asker alone: answered, the whole text would be echoed to the channel.
    const tooLong = questionTooLong(text, "Your question");
    if (tooLong) {
      logger.info({ command, platform, reason: tooLong }, "Slack command refused");
      return c.json(say(`${tooLong}. Ask a shorter question: ${command} <question>`));
    }

    let responseUrl: string;
    try {
      responseUrl = httpUrl(form.get("response_url") ?? "").href;
    } catch (error) {
      logger.warn({ command, err: error instanceof Error ? error.message : String(error) }, "Slack command without a usable response_url");
      return c.json(say(`${command} cannot reply here: the request has no usable response_url.`));
    }

    const asked = { question: text, command, userId: form.get("user_id") ?? undefined, userName: form.get("user_name") ?? undefined };
    tasks.run(
      "command reply",
      async () => {
        let reply: ResponseUrlMessage;
        try {
          const { result } = await answer(text);
          logger.info({ command, platform, refused: result.refused, citations: result.citations.length }, "Slack command answered");
          reply = { response_type: "in_channel", ...formatReply(result, { platform, asked, ...(platform === "slack" && options.rateable ? { answerId: result.id } : {}) }) };
        } catch (error) {
          logger.error({ command, err: error instanceof Error ? error.message : String(error) }, "Slack command could not be answered");
          reply = { response_type: "ephemeral", ...formatNotice(FAILURE_NOTICE, platform) };
        }
        await sender.postToResponseUrl(responseUrl, reply);
      },
      { command, platform },
    );
    return c.json(say(`:hourglass_flowing_sand: Working on it: ${text}`));
  };
}

function commandName(value: string | null): string {
  return value && /^\/[\w-]{1,32}$/.test(value) ? value : DEFAULT_COMMAND;
}
