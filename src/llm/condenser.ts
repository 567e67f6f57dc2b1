import { z } from "zod";
import type { ChatMessage, Condenser } from "../chat/types.js";
import { createClient, describe, failureReason, LlmOutputError, startDeadline, withRateLimitRetry, type LlmClientOptions } from "./client.js";
import { loadPrompts, type Prompts } from "./prompts.js";

export interface LlmCondenserOptions extends LlmClientOptions {
  /** Used whenever the model fails, times out or replies with something that is not one question. */
  fallback: (messages: ChatMessage[]) => Promise<string>;
  /** Templates already loaded; read from prompts/ when omitted. */
  prompts?: Prompts;
}

// Enough history to resolve "he" or "the second one" without paying for a whole long chat.
const HISTORY_TURNS = 6;
// Assistant answers are long and their [n] markers mean nothing out of context.
const TURN_LIMIT = 600;
// A standalone question longer than this is the model answering or rambling, not rewriting.
const QUESTION_LIMIT = 400;

const Completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

/**
 * A condenser backed by an OpenAI-compatible chat model and prompts/condense.txt. A conversation with no
 * earlier turn is returned as it is, without a call. On any failure it logs the reason and returns the
 * fallback's question; it never throws for the model's sake.
 */
export function createLlmCondenser(options: LlmCondenserOptions): Condenser {
  const { fallback, logger, model, timeoutMs } = options;
  const prompts = options.prompts ?? loadPrompts();
  const client = createClient(options);

  return async (messages, opts = {}) => {
    const lastUser = messages.findLastIndex((m) => m.role === "user");
    if (lastUser < 0) return fallback(messages);
    const question = messages[lastUser].content.trim();
    const history = messages.slice(0, lastUser).slice(-HISTORY_TURNS);
    if (!history.length) return question;

    const deadline = startDeadline(timeoutMs, opts.signal);
    try {
      const content = prompts.condense.fill({ conversation: formatConversation(history), question });
      const completion = await withRateLimitRetry(
        () => client.chat.completions.create({ model, messages: [{ role: "user", content }], stream: false }, { signal: deadline.signal }),
        deadline,
        logger,
      );
      return standaloneQuestion(completion);
    } catch (error) {
      const reason = failureReason(error, deadline);
      const fields = { reason, model, ...describe(error) };
      if (reason === "cancelled") logger.info(fields, "llm condense cancelled; using fallback");
      else logger.warn(fields, "llm condense failed; using fallback");
      return fallback(messages);
    }
  };
}

/** "User: …" / "Assistant: …" lines, each turn on one line and cut to a few hundred characters. */
export function formatConversation(messages: readonly ChatMessage[]): string {
  return messages
    .map(({ role, content }) => {
      const flat = content.replace(/\s*\[\d+\]/g, "").replace(/\s+/g, " ").trim();
      const cut = flat.length > TURN_LIMIT ? `${flat.slice(0, flat.lastIndexOf(" ", TURN_LIMIT))} …` : flat;
      return `${role === "user" ? "User" : "Assistant"}: ${cut}`;
    })
    .join("\n");
}

function standaloneQuestion(completion: unknown): string {
  const parsed = Completion.safeParse(completion);
  if (!parsed.success) throw new LlmOutputError("the completion has no text content");
  // Models add labels and quotes the prompt asked them to leave out; a first line is the question.
  const line = parsed.data.choices[0].message.content.trim().split("\n")[0];
  const question = line
    .replace(/^(standalone question|question)\s*:\s*/i, "")
    .replace(/^["“'](.*)["”']$/, "$1")
    .trim();
  if (!question) throw new LlmOutputError("the model returned no question");
  if (question.length > QUESTION_LIMIT) throw new LlmOutputError(`the rewritten question is ${question.length} characters, over ${QUESTION_LIMIT}`);
  return question;
}
