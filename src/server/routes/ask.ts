import { Hono } from "hono";
import type { AppEnv } from "../app-env.js";
import { jsonBody } from "../middleware/json-body.js";
import { requireReady } from "../middleware/require-ready.js";
import { validate } from "../middleware/validate.js";
import { AskBody } from "../schemas.js";
import type { ServerDeps } from "../server-deps.js";

/** POST /api/ask {question, filters?} → the AskResult. */
export function askRoutes(deps: ServerDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().post("/ask", requireReady(deps.state), jsonBody(), validate("json", AskBody), async (c) => {
    const { question, filters } = c.req.valid("json");
    const result = await c.get("chronicle").ask(question, { filters, signal: c.req.raw.signal });
    await deps.remember(result);
    return c.json(result);
  });
}
