import { sourcesBlock, type Citation } from "../answer/index.js";
import type { AskResult } from "../chronicle.js";

/** The model id /v1/models lists; any other model string is accepted too. */
export const MODEL_ID = "chronicle";

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

/** OpenAI's token counts for a request: estimated, as Chronicle runs no tokenizer. */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** The usage of a completion that read `promptText` and wrote `completionText`. */
export function usageOf(promptText: string, completionText: string): Usage {
  const prompt = tokens(promptText);
  const completion = tokens(completionText);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** The passages an answer's [n] markers cite: its citations, or with a refusal the closest passages shown. */
export function shownSources(result: Pick<AskResult, "citations" | "refused" | "related">): Citation[] {
  return result.refused ? result.related ?? [] : result.citations;
}

/** What a completion says: the answer, then its Sources block. */
export function answerText(result: AskResult): string {
  return result.answer + sourcesBlock(shownSources(result));
}

/** A reply as a completion carries it: the answer id its completion id is made of, its text and what it cites. */
export interface CompletionReply {
  answerId: string;
  content: string;
  citations: Citation[];
}

/** A whole chat.completion for a non-streamed request. */
export function toCompletion(reply: CompletionReply, model: string, created: number, promptText: string) {
  return {
    id: completionId(reply.answerId),
    object: "chat.completion" as const,
    created,
    model,
    choices: [{ index: 0, message: { role: "assistant" as const, content: reply.content, refusal: null }, logprobs: null, finish_reason: "stop" as const }],
    usage: usageOf(promptText, reply.content),
    citations: reply.citations,
  };
}

/**
 * One chat.completion.chunk of a streamed answer. With `usage: null` in `extra` (the client asked for
 * usage), the chunk says so as OpenAI's do, the usage itself coming in a last chunk of its own.
 */
export function toChunk(
  id: string,
  model: string,
  created: number,
  delta: { role?: "assistant"; content?: string },
  finish: "stop" | null = null,
  extra: { citations?: Citation[]; usage?: null } = {},
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

/** The chunk a stream ends with when the client set stream_options.include_usage: no choices, the usage. */
export function toUsageChunk(id: string, model: string, created: number, usage: Usage) {
  return { id, object: "chat.completion.chunk" as const, created, model, choices: [], usage };
}
