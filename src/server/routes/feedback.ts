import { Hono } from "hono";
import { stream } from "hono/streaming";
import type { AppEnv } from "../app-env.js";
import { notFound } from "../http-error.js";
import { jsonBody } from "../middleware/json-body.js";
import { validate } from "../middleware/validate.js";
import { answerIdOf } from "../openai-format.js";
import { FeedbackBody } from "../schemas.js";
import type { ServerDeps } from "../server-deps.js";

const EXPORT_PAGE = 500;

/**
 * POST /api/feedback {answerId, rating, comment?} stores a rating with the answer it rates (201).
 * GET /api/feedback/export streams every rating as JSON lines, oldest first.
 */
export function feedbackRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/feedback", jsonBody(), validate("json", FeedbackBody), (c) => {
    const { answerId, rating, comment } = c.req.valid("json");
    const answer = deps.answers.get(answerIdOf(answerId));
    if (!answer) throw notFound(`answer ${JSON.stringify(answerId)}`, "only answers this server gave recently can be rated");
    const record = deps.feedback.add({ answerId: answer.id, rating, ...(comment ? { comment } : {}), question: answer.question, answer: answer.answer, citations: answer.citations });
    return c.json({ id: record.id, answerId: record.answerId, rating: record.rating, createdAt: record.createdAt }, 201);
  });

  app.get("/feedback/export", (c) => {
    // Fails here, as a JSON 503, rather than as a broken stream.
    const first = deps.feedback.page(0, EXPORT_PAGE);
    c.header("Content-Type", "application/x-ndjson; charset=utf-8");
    c.header("Content-Disposition", 'attachment; filename="feedback.jsonl"');
    return stream(c, async (out) => {
      // Pages by id, never an open cursor: other requests can write feedback between pages.
      for (let page = first; page.length; page = deps.feedback.page(page.at(-1)!.id, EXPORT_PAGE)) {
        await out.write(page.map((record) => `${JSON.stringify(record)}\n`).join(""));
      }
    }, async (error) => {
      deps.logger.error({ err: error, requestId: c.get("requestId") }, "feedback export failed");
    });
  });

  return app;
}
