import { Hono } from "hono";
import type { AppEnv } from "../app-env.js";
import { notFound } from "../http-error.js";
import { rejectMalformedPath } from "../middleware/malformed-path.js";
import { requireReady } from "../middleware/require-ready.js";
import type { ServerDeps } from "../server-deps.js";

/**
 * GET /api/sources/:id → the whole chunk (text, document, position, date or section), with the number of
 * chunks in its document and the ids of its neighbours so a reader can page through the source.
 */
export function sourceRoutes(deps: ServerDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().get("/sources/:id", rejectMalformedPath(), requireReady(deps.state), (c) => {
    const chronicle = c.get("chronicle");
    const id = c.req.param("id");
    const chunk = chronicle.chunk(id);
    if (!chunk) throw notFound(`source ${JSON.stringify(id)}`);
    const siblings = chronicle.chunks.filter((other) => other.doc === chunk.doc).sort((a, b) => a.position - b.position);
    const at = siblings.findIndex((other) => other.id === chunk.id);
    return c.json({
      ...chunk,
      document: { doc: chunk.doc, chunks: siblings.length },
      ...(at > 0 ? { previous: siblings[at - 1].id } : {}),
      ...(at < siblings.length - 1 ? { next: siblings[at + 1].id } : {}),
    });
  });
}
