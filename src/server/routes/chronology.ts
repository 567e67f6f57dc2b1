import { Hono } from "hono";
import { timelineOrder, type Chunk } from "../../index/index.js";
import type { AppEnv } from "../app-env.js";
import { requireReady } from "../middleware/require-ready.js";
import { validate } from "../middleware/validate.js";
import { ChronologyQuery } from "../schemas.js";
import type { ServerDeps } from "../server-deps.js";

/** Chronology entries in date order, overlapping [from, to] and containing `q` (case-insensitive) when given. */
export function selectChronology(chunks: readonly Chunk[], query: { from?: string; to?: string; q?: string }): Chunk[] {
  const needle = query.q?.trim().toLowerCase();
  return chunks
    .filter((chunk) => chunk.kind === "chronology" && chunk.date)
    .filter((chunk) => (!query.from || chunk.date!.end >= query.from) && (!query.to || chunk.date!.start <= query.to))
    .filter((chunk) => !needle || chunk.text.toLowerCase().includes(needle))
    .sort(timelineOrder);
}

/** GET /api/chronology?from=YYYY-MM-DD&to=YYYY-MM-DD&q=text → {entries, count}. */
export function chronologyRoutes(deps: ServerDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().get("/chronology", requireReady(deps.state), validate("query", ChronologyQuery), (c) => {
    const entries = selectChronology(c.get("chronicle").chunks, c.req.valid("query"));
    return c.json({ entries, count: entries.length });
  });
}
