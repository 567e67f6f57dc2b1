import { z } from "zod";
import { validDate } from "../dates/index.js";

/** Limits on what a caller may send; each error message states the limit beside the value. */
export const LIMITS = {
  questionChars: 2_000,
  messages: 50,
  conversationChars: 20_000,
  commentChars: 2_000,
  bodyBytes: 64 * 1024,
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
  .max(LIMITS.questionChars, { error: (issue) => `question is ${String((issue.input as string).length)} characters; the limit is ${LIMITS.questionChars}` });

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

/** A conversation's shared limits: message count, total length, and a last turn from the user that fits as a question. */
function checkConversation(messages: Array<{ role: string; content: string }>, ctx: z.RefinementCtx): void {
  const total = messages.reduce((sum, m) => sum + m.content.length, 0);
  if (total > LIMITS.conversationChars) {
    ctx.addIssue({ code: "custom", path: ["messages"], message: `messages are ${total} characters in all; the limit is ${LIMITS.conversationChars}` });
  }
  const talk = messages.filter((m) => m.role === "user" || m.role === "assistant");
  const last = talk.at(-1);
  if (!last || last.role !== "user") {
    ctx.addIssue({ code: "custom", path: ["messages"], message: "the last message must be from the user" });
  } else if (!last.content.trim()) {
    ctx.addIssue({ code: "custom", path: ["messages", messages.length - 1, "content"], message: "the last question is empty" });
  } else if (last.content.length > LIMITS.questionChars) {
    ctx.addIssue({ code: "custom", path: ["messages", messages.length - 1, "content"], message: `the last question is ${last.content.length} characters; the limit is ${LIMITS.questionChars}` });
  }
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

// OpenAI clients may send content as text parts; only text is read.
const openAiContent = z.union([
  z.string(),
  z.null(),
  z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
]).transform((value) => (Array.isArray(value) ? value.map((part) => (part.type === "text" ? part.text ?? "" : "")).join("") : value ?? ""));

/** POST /v1/chat/completions: the fields Chronicle reads; the rest of the OpenAI request is accepted and ignored. */
export const OpenAIChatBody = z.looseObject({
  model: z.string().max(200).optional(),
  messages: messageList(z.looseObject({
    role: z.enum(["system", "developer", "user", "assistant"], {
      error: (issue) => `role must be "system", "developer", "user" or "assistant", got ${JSON.stringify(issue.input)}`,
    }),
    content: openAiContent,
  })),
  stream: z.boolean().nullish(),
  filters: FiltersSchema.optional(),
}).superRefine((body, ctx) => checkConversation(body.messages, ctx));

/** POST /api/feedback */
export const FeedbackBody = z.object({
  answerId: z.string({ error: "answerId must be a string" }).trim().min(1, "answerId is empty").max(200),
  rating: z.enum(["up", "down"], { error: (issue) => `rating must be "up" or "down", got ${JSON.stringify(issue.input)}` }),
  comment: z.string().max(LIMITS.commentChars, { error: `comment is over ${LIMITS.commentChars} characters` }).optional(),
});

/** GET /api/chronology */
export const ChronologyQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().max(200).optional(),
}).refine(dateWindow, WINDOW_ERROR);
