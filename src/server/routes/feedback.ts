import { Hono, type Context } from "hono";
import { stream } from "hono/streaming";
import type { AppEnv } from "../app-env.js";
import { HttpError, notFound } from "../http-error.js";
import { apiKeyAuth } from "../middleware/api-key-auth.js";
import { addressOf } from "../middleware/client-address.js";
import { jsonBody } from "../middleware/json-body.js";
import { validate } from "../middleware/validate.js";
import { answerIdOf } from "../openai-format.js";
import { FeedbackBody } from "../schemas.js";
import type { ServerDeps } from "../server-deps.js";

const EXPORT_PAGE = 500;

/**
 * POST /api/feedback {answerId, rating, comment?, rater?} stores a rating with the answer it rates (201;
 * 200 when it replaces the rater's earlier rating of that answer). The rater is the one the client names,
 * else the API key, else the client address.
 * GET /api/feedback/export streams every rating as JSON lines, oldest first. It is for the admin: open
 * with ADMIN_KEY (see feedbackExportRoutes), else with API_KEYS, and off without either.
 */
export function feedbackRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/feedback", jsonBody(), validate("json", FeedbackBody), async (c) => {
    const { answerId, rating, comment, rater } = c.req.valid("json");
    const answer = await deps.store.answers.get(answerIdOf(answerId));
    if (!answer) throw notFound(`answer ${JSON.stringify(answerId)}`, `only answers given in the last ${deps.config.ANSWER_LOG_RETENTION_DAYS} days can be rated`);
    const who = rater ? `client:${rater}` : c.get("clientKey") ?? `ip:${addressOf(c)}`;
    const record = await deps.store.feedback.add({ answerId: answer.id, rater: who, rating, ...(comment ? { comment } : {}), question: answer.question, answer: answer.answer, citations: answer.citations });
    return c.json({ id: record.id, answerId: record.answerId, rating: record.rating, createdAt: record.createdAt, replaced: Boolean(record.replaced) }, record.replaced ? 200 : 201);
  });

  // With ADMIN_KEY the export is served by feedbackExportRoutes, before the API's guards, and never reaches here.
  app.get("/feedback/export", (c) => {
    if (!deps.config.API_KEYS.length) throw new HttpError(403, "export_disabled", "the feedback export is off: set ADMIN_KEY (or API_KEYS) to turn it on");
    return exportFeedback(deps, c);
  });

  return app;
}

/** GET /api/feedback/export behind the admin key: mounted before the API's guards, like the documents API. */
export function feedbackExportRoutes(deps: ServerDeps, adminKey: string): Hono<AppEnv> {
  return new Hono<AppEnv>().get("/feedback/export", apiKeyAuth({ keys: [adminKey] }), (c) => exportFeedback(deps, c));
}

async function exportFeedback(deps: ServerDeps, c: Context<AppEnv>): Promise<Response> {
  // Fails here, as a JSON 503, rather than as a broken stream.
  const first = await deps.store.feedback.page(0, EXPORT_PAGE);
  c.header("Content-Type", "application/x-ndjson; charset=utf-8");
  c.header("Content-Disposition", 'attachment; filename="feedback.jsonl"');
  return stream(c, async (out) => {
    // Pages by id, never an open cursor: other requests can write feedback between pages.
    for (let page = first; page.length; page = await deps.store.feedback.page(page.at(-1)!.id, EXPORT_PAGE)) {
      await out.write(page.map((record) => `${JSON.stringify(record)}\n`).join(""));
    }
  }, async (error) => {
    deps.logger.error({ err: error, requestId: c.get("requestId") }, "feedback export failed");
  });
}
