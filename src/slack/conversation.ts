import type { AskResult, ChatAnswer, Chronicle } from "../chronicle.js";
import type { ChatMessage } from "../chat/index.js";
import type { Logger } from "../logger.js";
import type { ThreadLog, Turn } from "../store/index.js";

/** Answers a message, reading it in the light of its thread's earlier turns. */
export type ConversationAnswerer = (text: string, threadKey?: string) => Promise<ChatAnswer>;

export interface ConversationOptions {
  /** Condenses the thread's follow-up into a standalone question and answers it. */
  chronicle: Pick<Chronicle, "chat">;
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
  const { chronicle, memory, logger } = options;
  const askTimeoutMs = options.askTimeoutMs ?? DEFAULT_ASK_TIMEOUT_MS;

  return async (text, threadKey) => {
    const signal = AbortSignal.timeout(askTimeoutMs);
    const turns = threadKey ? await memory.turns(threadKey).catch((error: Error) => {
      // A follow-up is still answered, as it stands, when the thread's history cannot be read.
      logger.warn({ err: error.message }, "Slack thread history unavailable; answering the message on its own");
      return [];
    }) : [];
    const { standalone, result } = await chronicle.chat(conversationMessages(turns, text), { signal });
    if (threadKey) {
      await memory.add(threadKey, { question: text, answer: result.answer, citations: result.citations })
        .catch((error: Error) => logger.warn({ err: error.message }, "Slack turn not kept: the next follow-up will not see it"));
    }
    await options.onAnswer?.(result);
    return { standalone, result };
  };
}

/** Earlier turns as alternating user and assistant messages, then the new message. */
export function conversationMessages(turns: Turn[], text: string): ChatMessage[] {
  return [
    ...turns.flatMap((turn): ChatMessage[] => [
      { role: "user", content: turn.question },
      { role: "assistant", content: turn.answer, citations: turn.citations },
    ]),
    { role: "user", content: text },
  ];
}
