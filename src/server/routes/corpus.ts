import { Hono } from "hono";
import { describeCorpus } from "../../corpus-description.js";
import type { AppEnv } from "../app-env.js";
import { requireReady } from "../middleware/require-ready.js";
import type { ServerDeps } from "../server-deps.js";

/**
 * GET /api/corpus → {title, description, sampleQuestions, documents, coverage, counts}: what the page,
 * the widget and the bots say about the corpus, so none of them carries words about one corpus in its code.
 */
export function corpusRoutes(deps: ServerDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().get("/corpus", requireReady(deps.state), (c) => {
    // Served again after a re-index, so clients revalidate rather than keep an old corpus's title.
    c.header("Cache-Control", "no-cache");
    return c.json(describeCorpus(c.get("chronicle")));
  });
}
