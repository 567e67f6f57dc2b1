import type { Citation } from "../answer/index.js";
import type { AskResult } from "../chronicle.js";

/** The model id /v1/models lists; any other model string is accepted too. */
export const MODEL_ID = "chronicle";
const QUOTE_CHARS = 100;

/** "\n\nSources:\n[1] July 24, 2024 — doc.txt: <first 100 chars>", or "" for an answer without citations. */
export function sourcesBlock(citations: readonly Citation[]): string {
  if (!citations.length) return "";
  const lines = citations.map((c) => `[${c.n}] ${c.dateLabel ?? c.section ?? c.kind} — ${c.doc}: ${c.text.slice(0, QUOTE_CHARS)}`);
  return `\n\nSources:\n${lines.join("\n")}`;
}

/** Completion ids carry the answer id, so feedback can name either. */
export function completionId(answerId: string): string {
  return `chatcmpl-${answerId}`;
}

/** The answer id inside a completion id; other ids pass through. */
export function answerIdOf(id: string): string {
  return id.startsWith("chatcmpl-") ? id.slice("chatcmpl-".length) : id;
}

// Chronicle runs no tokenizer; about four characters a token is the usual estimate for English.
function tokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The passages an answer's [n] markers cite: its citations, or with a refusal the closest passages shown. */
export function shownSources(result: Pick<AskResult, "citations" | "refused" | "related">): Citation[] {
  return result.refused ? result.related ?? [] : result.citations;
}

/** A whole chat.completion for a non-streamed request. */
export function toCompletion(result: AskResult, model: string, created: number, promptText: string) {
  const content = result.answer + sourcesBlock(shownSources(result));
  return {
    id: completionId(result.id),
    object: "chat.completion" as const,
    created,
    model,
    choices: [{ index: 0, message: { role: "assistant" as const, content, refusal: null }, logprobs: null, finish_reason: "stop" as const }],
    usage: { prompt_tokens: tokens(promptText), completion_tokens: tokens(content), total_tokens: tokens(promptText) + tokens(content) },
    citations: shownSources(result),
  };
}

/** One chat.completion.chunk of a streamed answer. */
export function toChunk(
  id: string,
  model: string,
  created: number,
  delta: { role?: "assistant"; content?: string },
  finish: "stop" | null = null,
  extra: { citations?: Citation[] } = {},
) {
  return {
    id,
    object: "chat.completion.chunk" as const,
    created,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...extra,
  };
}
