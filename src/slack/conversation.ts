import type { AskResult, Chronicle } from "../chronicle.js";
import type { Logger } from "../logger.js";
import type { ThreadLog, Turn } from "../store/index.js";
import type { Condenser, ConversationMessage } from "./types.js";

/** An answer, with the standalone question Chronicle was actually asked. */
export interface ConversationAnswer {
  result: AskResult;
  /** The question after condensing; the asked text itself when there was nothing earlier to resolve. */
  standalone: string;
}

/** Answers a message, reading it in the light of its thread's earlier turns. */
export type ConversationAnswerer = (text: string, threadKey?: string) => Promise<ConversationAnswer>;

export interface ConversationOptions {
  chronicle: Pick<Chronicle, "ask">;
  condense: Condenser;
  /** Earlier turns by thread: shared by replicas when the store is. */
  memory: ThreadLog;
  logger: Logger;
  /** Longest condensing and answering one message may take before it is abandoned. */
  askTimeoutMs?: number;
  /** Told of every answer, so its rating buttons can find it later. */
  onAnswer?: (result: AskResult) => void | Promise<void>;
}

const DEFAULT_ASK_TIMEOUT_MS = 60_000;

export function createConversationAnswerer(options: ConversationOptions): ConversationAnswerer {
  const { chronicle, condense, memory, logger } = options;
  const askTimeoutMs = options.askTimeoutMs ?? DEFAULT_ASK_TIMEOUT_MS;

  const standaloneQuestion = async (text: string, turns: Turn[], signal: AbortSignal) => {
    // A first message has nothing to resolve against; condensing it could only distort it.
    if (turns.length === 0) return text;
    try {
      return (await condense(conversationMessages(turns, text), { signal })).trim() || text;
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, "Slack follow-up could not be condensed; asking it as written");
      return text;
    }
  };

  return async (text, threadKey) => {
    const signal = AbortSignal.timeout(askTimeoutMs);
    const turns = threadKey ? await memory.turns(threadKey).catch((error: Error) => {
      // A follow-up is still answered, as it stands, when the thread's history cannot be read.
      logger.warn({ err: error.message }, "Slack thread history unavailable; answering the message on its own");
      return [];
    }) : [];
    const standalone = await standaloneQuestion(text, turns, signal);
    const result = await chronicle.ask(standalone, { signal });
    if (threadKey) {
      await memory.add(threadKey, { question: text, answer: result.answer, citations: result.citations })
        .catch((error: Error) => logger.warn({ err: error.message }, "Slack turn not kept: the next follow-up will not see it"));
    }
    await options.onAnswer?.(result);
    return { result, standalone };
  };
}

/** Earlier turns as alternating user and assistant messages, then the new message. */
export function conversationMessages(turns: Turn[], text: string): ConversationMessage[] {
  return [
    ...turns.flatMap((turn): ConversationMessage[] => [
      { role: "user", content: turn.question },
      { role: "assistant", content: turn.answer, citations: turn.citations },
    ]),
    { role: "user", content: text },
  ];
}
