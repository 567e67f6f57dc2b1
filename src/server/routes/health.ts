import { Hono } from "hono";
import type { AppEnv } from "../app-env.js";
import type { ServerDeps } from "../server-deps.js";

/** GET /healthz: the process is up. GET /readyz: 503 until the index is loaded, then 200 with its counts. */
export function healthRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/healthz", (c) => c.json({ status: "ok" }));

  app.get("/readyz", async (c) => {
    const { state } = deps;
    const chronicle = state.current();
    if (!chronicle) {
      return state.status === "failed"
        ? c.json({ status: "failed", error: "the index failed to load; see the server log" }, 503)
        : c.json({ status: "loading" }, 503);
    }
    const chronology = chronicle.chunks.filter((chunk) => chunk.kind === "chronology").length;
    return c.json({
      status: "ready",
      chunks: chronicle.chunks.length,
      chronology,
      articles: chronicle.chunks.length - chronology,
      documents: new Set(chronicle.chunks.map((chunk) => chunk.doc)).size,
      coverage: chronicle.retriever.coverage ?? null,
      // Files that could not be read are served around, and named here with why.
      skipped: chronicle.ingest.skipped.map(({ name, reason, message }) => ({ name, reason, message })),
      ...(deps.reindexer ? { reindex: deps.reindexer.status() } : {}),
      // Answering needs neither: a database or Redis that is down is named here, but never makes the server
      // unready, or a load balancer would take every replica out for an outage only ratings and Slack feel.
      dependencies: await dependencies(deps),
    });
  });

  return app;
}

/** The database and, when set, Redis: each "ok" or "unavailable: <why>", asked now with a short timeout. */
async function dependencies(deps: ServerDeps): Promise<Record<string, { status: string; backend?: string }>> {
  const [database, others] = await Promise.all([deps.store.check(), deps.services.check()]);
  return {
    database: { backend: deps.store.backend, status: database },
    ...Object.fromEntries(Object.entries(others).map(([name, status]) => [name, { status }])),
  };
}
