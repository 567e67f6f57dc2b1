import { z } from "zod";
import { validDate } from "../dates/index.js";
import { characterCount, QUESTION_MAX_CHARS, questionTooLong } from "../text/question-length.js";
import { isFrontEndTask } from "./front-end-tasks.js";
import { isConversationTurn } from "./openai-conversation.js";

/**
 * Limits on what a caller may send; each error message states the limit beside the value. Lengths are in
 * characters as `characterCount` counts them (code points), on every route.
 */
export const LIMITS = {
  questionChars: QUESTION_MAX_CHARS,
  messages: 50,
  conversationChars: 20_000,
  commentChars: 2_000,
  bodyBytes: 64 * 1024,
  /** Chat front ends send whole histories and long system prompts to /v1, which trims them itself. */
  openAIBodyBytes: 512 * 1024,
} as const;

const isoDate = z.string().refine((value) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return Boolean(m && validDate(+m[1], +m[2], +m[3]));
}, { error: (issue) => `expected a calendar date as YYYY-MM-DD, got ${JSON.stringify(issue.input)}` });

/** An optional date window: `from` must not come after `to`. */
const dateWindow = <T extends { from?: string; to?: string }>(value: T) => !value.from || !value.to || value.from <= value.to;
const WINDOW_ERROR = { error: "from must not be after to", path: ["from"] };

/** Retrieval filters a caller may set. */
export const FiltersSchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: z.enum(["chronology", "article"]).optional(),
  doc: z.string().min(1).max(200).optional(),
}).refine(dateWindow, WINDOW_ERROR);

const question = z
  .string({ error: (issue) => (issue.input === undefined ? "question is required" : "question must be a string") })
  .trim()
  .min(1, "question is empty")
  .superRefine((value, ctx) => {
    const tooLong = questionTooLong(value);
    if (tooLong) ctx.addIssue({ code: "custom", message: tooLong });
  });

/** POST /api/ask */
export const AskBody = z.object({ question, filters: FiltersSchema.optional() });

const CitationSchema = z.object({
  n: z.number().int().positive(),
  id: z.string().max(200).optional(),
  kind: z.enum(["chronology", "article"]).optional(),
  doc: z.string().max(200).optional(),
  date: z.object({ start: isoDate, end: isoDate }).optional(),
  dateLabel: z.string().max(200).optional(),
  section: z.string().max(500).optional(),
  text: z.string().max(LIMITS.conversationChars).optional(),
});

const content = z.string({ error: "content must be a string" });

/** /api/chat's limits: the conversation's total length, and a last turn from the user that fits as a question. */
function checkConversation(messages: Array<{ role: string; content: string }>, ctx: z.RefinementCtx): void {
  const total = messages.reduce((sum, m) => sum + characterCount(m.content), 0);
  if (total > LIMITS.conversationChars) {
    ctx.addIssue({ code: "custom", path: ["messages"], message: `messages are ${total} characters in all; the limit is ${LIMITS.conversationChars}` });
  }
  checkLastQuestion(messages, messages.length - 1, ctx);
}

/**
 * The question is the last message, and it must come from the user, say something and fit the question
 * limit. `at` is its index (-1 for none), for the error's path.
 */
function checkLastQuestion(messages: Array<{ role: string; content: string }>, at: number, ctx: z.RefinementCtx, options: { unlimited?: boolean } = {}): void {
  const last = messages[at];
  if (!last || last.role !== "user") {
    ctx.addIssue({ code: "custom", path: ["messages"], message: "the last message must be from the user" });
    return;
  }
  const path = ["messages", at, "content"];
  if (!last.content.trim()) {
    ctx.addIssue({ code: "custom", path, message: "the last question is empty" });
    return;
  }
  const tooLong = options.unlimited ? undefined : questionTooLong(last.content, "the last question");
  if (tooLong) ctx.addIssue({ code: "custom", path, message: tooLong });
}

const messageList = <T extends z.ZodType>(message: T) =>
  z.array(message)
    .min(1, "messages is empty")
    .max(LIMITS.messages, { error: (issue) => `${(issue.input as unknown[]).length} messages; the limit is ${LIMITS.messages}` });

/** POST /api/chat */
export const ChatBody = z.object({
  messages: messageList(z.object({
    role: z.enum(["user", "assistant"], { error: (issue) => `role must be "user" or "assistant", got ${JSON.stringify(issue.input)}` }),
    content,
    citations: z.array(CitationSchema).max(100).optional(),
  })),
  stream: z.boolean().optional(),
  filters: FiltersSchema.optional(),
}).superRefine((body, ctx) => checkConversation(body.messages, ctx));

// OpenAI clients may send content as text parts; only text is read. An assistant turn that called tools
// may have null or no content.
const openAiContent = z.union([
  z.string(),
  z.null(),
  z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
]).optional().transform((value) => (Array.isArray(value) ? value.map((part) => (part.type === "text" ? part.text ?? "" : "")).join("") : value ?? ""));

/**
 * POST /v1/chat/completions: the fields Chronicle reads; the rest of the OpenAI request is accepted and
 * ignored. Front ends send whole chats with their instructions and tool traffic, so only the question (the
 * last user message) is held to a limit; the history is trimmed when read (see openai-conversation.ts),
 * and the body limit bounds the rest.
 */
export const OpenAIChatBody = z.looseObject({
  model: z.string().max(200).optional(),
  messages: z.array(z.looseObject({
    role: z.enum(["system", "developer", "user", "assistant", "tool", "function"], {
      error: (issue) => `role must be "system", "developer", "user", "assistant", "tool" or "function", got ${JSON.stringify(issue.input)}`,
    }),
    content: openAiContent,
  })).min(1, "messages is empty"),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  n: z.literal(1, { error: (issue) => `n is ${JSON.stringify(issue.input)}; Chronicle gives one answer per request, so n must be 1` }).nullish(),
  filters: FiltersSchema.optional(),
}).superRefine((body, ctx) => {
  const at = body.messages.findLastIndex(isConversationTurn);
  const question = body.messages[at];
  // A front end's housekeeping prompt quotes the whole chat: it is no question, and is not held to a question's limit.
  checkLastQuestion(body.messages, at, ctx, { unlimited: question !== undefined && isFrontEndTask(question.content) });
});

/** POST /api/feedback */
export const FeedbackBody = z.object({
  answerId: z.string({ error: "answerId must be a string" }).trim().min(1, "answerId is empty").max(200),
  rating: z.enum(["up", "down"], { error: (issue) => `rating must be "up" or "down", got ${JSON.stringify(issue.input)}` }),
  comment: z.string().max(LIMITS.commentChars, { error: `comment is over ${LIMITS.commentChars} characters` }).optional(),
  /** Who rates, as the client knows them (the widget's browser, a Slack user): their latest rating of an answer is kept. */
  rater: z.string().trim().min(1, "rater is empty").max(200, "rater is over 200 characters").optional(),
});

/** GET /api/chronology */
export const ChronologyQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().max(200).optional(),
}).refine(dateWindow, WINDOW_ERROR);
