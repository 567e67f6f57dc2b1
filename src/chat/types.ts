import type { Citation } from "../answer/index.js";

/** A citation as a client may send it back with an assistant turn: only `n` is required. */
export type ChatCitation = Pick<Citation, "n"> & Partial<Omit<Citation, "n">>;

/** One turn of a conversation: as clients send it (/api/chat, /v1, the widget), and as Slack threads keep it. */
export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
  /**
   * The citations of an assistant answer, when the client sends them back. They give the condenser exact
   * dates and items; without them it reads the same from the answer text.
   */
  citations?: ChatCitation[];
}

/**
 * Rewrites the last user turn of a conversation into a question that stands on its own, so retrieval
 * needs no history. The offline condenser (`createOfflineCondenser`) is rule-based; the LLM condenser
 * (src/llm/) implements the same type.
 */
export type Condenser = (messages: ChatMessage[], opts?: { signal?: AbortSignal }) => Promise<string>;
