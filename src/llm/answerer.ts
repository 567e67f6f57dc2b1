import type OpenAI from "openai";
import { z } from "zod";
import type { Retrieved } from "../retrieve/retriever.js";
import { reconcileCitations } from "../answer/citations.js";
import { createClient, describe, failureReason, LlmOutputError, startDeadline, withRateLimitRetry, type FailureReason, type LlmClientOptions } from "./client.js";
import { createMarkerRewriter, sourceCitations, type MarkerRewriter } from "./citations.js";
import { loadPrompts, type Prompts } from "./prompts.js";
import type { Assessment } from "../answer/extractive.js";
import type { Answer, Answerer, AnswerInput } from "../answer/types.js";

export interface LlmAnswererOptions extends LlmClientOptions {
  /** Answers whenever the model cannot: errors, timeouts, malformed or uncited output. */
  fallback: Answerer;
  /**
   * The extractive answerer's judgement of a question: the model is not asked when it finds nothing to
   * answer from (the same refusal reasons), and its confidence and closest passages go with the model's
   * answer or refusal.
   */
  assess?: (input: AnswerInput) => Assessment;
  /** Templates already loaded; read from prompts/ when omitted. */
  prompts?: Prompts;
}

/** Shown in a stream that switches to the fallback after the model's text has started. */
export const STOPPED_NOTICE = (mode: Answer["mode"]) => `\n\n(The model stopped; here is the ${mode} answer.)\n`;
/** Shown in a stream whose finished model text cited none of the sources, before the fallback's text. */
export const UNCITED_NOTICE = (mode: Answer["mode"]) => `\n\n(The model's answer cited none of the sources; here is the ${mode} answer.)\n`;

// Other ways models say the sources lack the answer, though asked for ASKED_REFUSAL.
const REFUSAL = [
  /\b(cannot|can ?not|can't|could not|couldn't|unable to|am not able to)\b[^.]{0,40}\b(answer|determine|tell|find|say)\b[^.]{0,80}\bsources?\b/i,
  /\bsources?\b[^.]{0,40}\b(do not|don't|does not|doesn't|did not|fail to)\b[^.]{0,20}\b(contain|mention|say|state|include|cover|provide|give|specify)\b/i,
  /\b(no|none of the) (given |provided )?sources?\b[^.]{0,40}\b(mention|say|state|contain|cover)/i,
];

// The reply the system prompt asks for: a refusal even when the model tacks a citation on.
const ASKED_REFUSAL = /^\s*I cannot answer (this|that|the question) from the (given |provided )?sources\b/i;

/**
 * Whether a reply is the model declining rather than answering. Only the asked-for sentence counts when
 * it cites something: "the sources do not give the day, but it was in May [1]" is an answer.
 */
export function isRefusal(text: string, cited = false): boolean {
  return ASKED_REFUSAL.test(text) || (!cited && REFUSAL.some((pattern) => pattern.test(text)));
}

const Completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});
const StreamChunk = z.object({
  choices: z.array(z.object({ delta: z.object({ content: z.string().nullish() }).nullish() })),
});

/**
 * Answers with an OpenAI-compatible chat model from the numbered sources, and falls back to another
 * answerer (the extractive one) whenever the model fails, times out, or answers without a valid citation.
 * It never throws for the model's sake; `mode` is "llm" only for text the model wrote.
 *
 * Streaming passes the model's text through live, with markers already renumbered and invalid ones
 * removed: a "[" is held back until its marker is complete, so no marker shows half-written or with a
 * number that later changes. The final `done` carries the reconciled text and citations and is
 * authoritative (whitespace tidied). If the model fails before any text, the fallback's own stream
 * follows as if the model had not been asked; if it fails after, or its text cites nothing, a visible
 * notice and the fallback's text follow, and `done` is the fallback answer.
 */
export function createLlmAnswerer(options: LlmAnswererOptions): Answerer {
  const { fallback, logger, model, timeoutMs } = options;
  const prompts = options.prompts ?? loadPrompts();
  const client = createClient(options);
  const system = prompts.answerSystem.fill({});

  const request = (input: AnswerInput) => ({
    model,
    messages: [
      { role: "system" as const, content: system },
      {
        role: "user" as const,
        content: prompts.answerUser.fill({
          sources: formatSources(input.sources),
          count: input.sources.length,
          intent: input.analysis.intent,
          question: input.question,
        }),
      },
    ],
  });

  const warn = (reason: FailureReason, error: unknown, how: "answer" | "stream", extra: Record<string, unknown> = {}) => {
    const fields = { reason, model, how, ...(error === undefined ? {} : describe(error)), ...extra };
    // A caller giving up (a closed connection) is not the model's fault.
    if (reason === "cancelled") logger.info(fields, "llm answer cancelled; using fallback");
    else logger.warn(fields, "llm answer failed; using fallback");
  };

  // Nothing to answer from (no sources, nonsense, a period not covered, nothing relevant): the model
  // could only refuse, and the fallback says why more precisely.
  const refusesWithoutModel = (input: AnswerInput, judged: Assessment | undefined) => !input.sources.length || judged?.verdict.outcome === "refuse";
  /** The model's answer with the extractive judgement's confidence, and its refusal with the closest passages. */
  const judge = (result: Answer, judged: Assessment | undefined): Answer => {
    if (!judged) return result;
    if (!result.refused) return { ...result, confidence: Math.round(judged.confidence * 1000) / 1000 };
    const passages = judged.related();
    const related = passages ? reconcileCitations(passages.text, passages.citations) : undefined;
    return {
      ...result,
      text: related ? `${result.text}\n${related.text.split("\n").slice(1).join("\n")}` : result.text,
      confidence: Math.round(judged.confidence * 1000) / 1000,
      refusal: { reason: "low-confidence", detail: "The model found no answer in the sources." },
      ...(related?.citations.length ? { related: related.citations } : {}),
    };
  };

  const answer = async (input: AnswerInput): Promise<Answer> => {
    const judged = options.assess?.(input);
    if (refusesWithoutModel(input, judged)) return fallback.answer(input);
    const deadline = startDeadline(timeoutMs, input.signal);
    try {
      const completion = await withRateLimitRetry(
        () => client.chat.completions.create({ ...request(input), stream: false }, { signal: deadline.signal }),
        deadline,
        logger,
      );
      const rewriter = createMarkerRewriter(input.sources);
      rewriter.push(completionText(completion));
      rewriter.end();
      const result = finish(rewriter);
      if (result.answer) return judge(result.answer, judged);
      warn("no_valid_citations", undefined, "answer", { dropped: result.dropped });
    } catch (error) {
      warn(failureReason(error, deadline), error, "answer");
    }
    return fallback.answer(input);
  };

  return {
    answer,
    async *stream(input) {
      const judged = options.assess?.(input);
      if (refusesWithoutModel(input, judged)) {
        yield* fallback.stream(input);
        return;
      }
      const deadline = startDeadline(timeoutMs, input.signal);
      const rewriter = createMarkerRewriter(input.sources);
      let shown = false;
      // Every source, numbered as the model sees them, before any text: clients can show chips live.
      yield { citations: sourceCitations(input.sources, input.question) };
      try {
        const stream = await withRateLimitRetry(
          () => client.chat.completions.create({ ...request(input), stream: true }, { signal: deadline.signal }),
          deadline,
          logger,
        );
        for await (const chunk of stream) {
          let out = rewriter.push(deltaText(chunk));
          // Leading blank lines are trimmed from the final text, so they are not shown either.
          if (!shown) out = out.trimStart();
          if (!out) continue;
          shown = true;
          yield { delta: out };
        }
        // The client ends a stream quietly when its signal aborts, so a timeout mid-body shows only here.
        if (deadline.signal.aborted) throw deadline.signal.reason;
        const tail = rewriter.end();
        if (shown ? tail : tail.trim()) {
          yield { delta: shown ? tail : tail.trimStart() };
          shown = true;
        }
        const result = finish(rewriter);
        if (result.answer) {
          const judgedAnswer = judge(result.answer, judged);
          // A refusal's closest passages follow the model's words.
          if (judgedAnswer.text !== result.answer.text) yield { delta: judgedAnswer.text.slice(result.answer.text.length) };
          yield { done: judgedAnswer };
          return;
        }
        warn("no_valid_citations", undefined, "stream", { dropped: result.dropped });
        yield* switchToFallback(input, UNCITED_NOTICE);
      } catch (error) {
        warn(failureReason(error, deadline), error, "stream", { shown });
        yield* shown ? switchToFallback(input, STOPPED_NOTICE) : fallback.stream(input);
      }
    },
  };

  async function* switchToFallback(input: AnswerInput, notice: (mode: Answer["mode"]) => string) {
    const result = await fallback.answer(input);
    yield { delta: notice(result.mode) };
    yield { delta: result.text };
    yield { done: result };
  }
}

/**
 * The sources as the prompt shows them: one line each, `[n] date — section — doc: "text"`, the text
 * JSON-quoted so nothing inside it can close the quote or pose as another source or an instruction line.
 */
export function formatSources(sources: readonly Retrieved[]): string {
  return sources
    .map(({ chunk }, i) => {
      const when = chunk.dateLabel ?? (chunk.date ? (chunk.date.start === chunk.date.end ? chunk.date.start : `${chunk.date.start} to ${chunk.date.end}`) : undefined);
      const label = [when, chunk.section].filter(Boolean).join(" — ");
      return `[${i + 1}] ${label ? `${label} — ` : ""}${chunk.doc}: ${JSON.stringify(chunk.text)}`;
    })
    .join("\n");
}

/** The rewritten model text as an answer; `answer` is undefined when it cites nothing and is no refusal. */
function finish(rewriter: MarkerRewriter): { answer?: Answer; dropped: number } {
  const citations = rewriter.citations();
  const { dropped } = rewriter;
  if (!rewriter.text.trim()) throw new LlmOutputError("the model returned no text");
  if (isRefusal(rewriter.text, citations.length > 0)) {
    return { answer: { text: reconcileCitations(rewriter.text, []).text, citations: [], refused: true, mode: "llm", confidence: 0 }, dropped };
  }
  if (!citations.length) return { dropped };
  // The markers already name existing sources; reconciling only tidies the text, as numbers are kept.
  return { answer: { text: tidy(rewriter.text), citations, refused: false, mode: "llm", confidence: 1 }, dropped };
}

/** The text with the space left before punctuation by a dropped marker, and runs of spaces, removed. */
function tidy(text: string): string {
  return text.replace(/[ \t]+([.,;:])/g, "$1").replace(/[ \t]{2,}/g, " ").trim();
}

function completionText(completion: OpenAI.Chat.Completions.ChatCompletion): string {
  // Checked rather than trusted: an OpenAI-compatible server may send anything, even plain text.
  const parsed = Completion.safeParse(completion);
  if (!parsed.success) throw new LlmOutputError(`the completion has no text content (${parsed.error.issues[0]?.path.join(".") || "body"})`);
  const text = parsed.data.choices[0].message.content;
  if (!text.trim()) throw new LlmOutputError("the model returned no text");
  return text;
}

function deltaText(chunk: OpenAI.Chat.Completions.ChatCompletionChunk): string {
  const parsed = StreamChunk.safeParse(chunk);
  if (!parsed.success) throw new LlmOutputError(`a stream chunk has no text delta (${parsed.error.issues[0]?.path.join(".") || "body"})`);
  return parsed.data.choices[0]?.delta?.content ?? "";
}
