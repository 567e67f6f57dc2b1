import type { ChatMessage } from "./types.js";

/** What the server accepts for one conversation (src/server/schemas.ts LIMITS), with room kept for the question. */
export const HISTORY_LIMITS = { messages: 12, chars: 12_000 } as const;

/**
 * The latest finished turns to send along with a new question, so follow-ups can refer back: at most
 * `messages` of them and `chars` characters in all, whole turns only, starting on a question.
 */
export function recentHistory(messages: readonly ChatMessage[], limits: { messages: number; chars: number } = HISTORY_LIMITS): ChatMessage[] {
  const out: ChatMessage[] = [];
  let chars = 0;
  for (let i = messages.length - 1; i >= 0 && out.length < limits.messages; i--) {
    const { role, content } = messages[i];
    if (chars + content.length > limits.chars) break;
    chars += content.length;
    out.unshift({ role, content });
  }
  while (out[0]?.role === "assistant") out.shift();
  return out;
}
