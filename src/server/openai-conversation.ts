import type { ChatMessage } from "../chat/index.js";
import { characterCount } from "../text/question-length.js";

/** An OpenAI chat message as the /v1 schema hands it on: its role and its text, content parts joined. */
export interface OpenAIMessage {
  role: string;
  content: string;
}

/** How much of a conversation Chronicle reads: its newest `messages` turns, `chars` characters in all. */
export interface ConversationWindow {
  messages: number;
  chars: number;
}

/**
 * Whether a message is a turn of the conversation Chronicle answers from. System and developer messages
 * are a front end's instructions to its model, tool and function messages are the results of tools
 * Chronicle never called, and an assistant message without text (one that only called tools) says nothing
 * a follow-up could refer to.
 */
export function isConversationTurn(message: OpenAIMessage): message is OpenAIMessage & ChatMessage {
  return message.role === "user" || (message.role === "assistant" && message.content.trim() !== "");
}

/**
 * The turns Chronicle reads of an OpenAI chat: the conversation's turns, the newest that fit `window`,
 * whole and starting on a question (as the widget trims its own history). Front ends send whole chats,
 * often far longer than any follow-up needs, so the oldest turns are dropped rather than the request
 * refused. The last turn, the question, always stays: its own limit is checked when the request is read.
 */
export function conversationTurns(messages: readonly OpenAIMessage[], window: ConversationWindow): ChatMessage[] {
  const turns = messages.filter(isConversationTurn);
  const kept: ChatMessage[] = [];
  let chars = 0;
  for (let i = turns.length - 1; i >= 0 && kept.length < window.messages; i--) {
    const size = characterCount(turns[i].content);
    if (kept.length > 0 && chars + size > window.chars) break;
    chars += size;
    kept.unshift({ role: turns[i].role, content: turns[i].content });
  }
  while (kept.length > 1 && kept[0].role === "assistant") kept.shift();
  return kept;
}
