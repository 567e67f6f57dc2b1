import { InvalidInputError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { ChatMessage, Condenser } from "./types.js";

export interface StandaloneQuestionOptions {
  signal?: AbortSignal;
  /** Told when the condenser fails, which costs only the rewrite. */
  logger: Logger;
}

/**
 * The last user turn of a conversation as a question that stands on its own. A conversation of one
 * message has nothing to resolve against, so its question is asked as written: condensing could only
 * distort it. A condenser that fails or says nothing costs only the rewrite, so the question is then
 * asked as written too; but a caller who gave up (the signal aborted) gets the abort, not an answer.
 */
export async function standaloneQuestion(messages: ChatMessage[], condense: Condenser, options: StandaloneQuestionOptions): Promise<string> {
  const last = messages.at(-1);
  if (last?.role !== "user") throw new InvalidInputError("the last message must be from the user");
  const asWritten = last.content.trim();
  if (messages.length === 1) return asWritten;
  try {
    return (await condense(messages, { signal: options.signal })).trim() || asWritten;
  } catch (error) {
    if (options.signal?.aborted) throw error;
    options.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "follow-up could not be condensed; asking it as written");
    return asWritten;
  }
}
