import { resolve } from "node:path";
import { Hono, type Context } from "hono";
import { addDocument, listDocuments, removeDocument } from "../../index/corpus-edits.js";
import { InvalidInputError } from "../../errors.js";
import type { AppEnv } from "../app-env.js";
import { HttpError, notFound } from "../http-error.js";
import type { ReindexResult, Reindexer } from "../live-index.js";
import { apiKeyAuth } from "../middleware/api-key-auth.js";
import { limitBody } from "../middleware/body-limit.js";
import { rejectMalformedPath } from "../middleware/malformed-path.js";
import type { ServerDeps } from "../server-deps.js";

// Room for the multipart framing around the file itself.
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * The documents API, for whoever holds ADMIN_KEY (Bearer):
 * - GET /api/documents: every document in the corpus folder, with what the live index made of it;
 * - POST /api/documents: add or replace one, as multipart (field `file`) or a raw body with `?name=`;
 * - DELETE /api/documents/:name;
 * - POST /api/admin/reindex: re-read the corpus folder.
 * Changes are re-indexed in the background (202); with `?wait=true` the response waits until the new
 * index is live and says what it made of the document. The old index answers questions meanwhile.
 */
export function documentRoutes(deps: ServerDeps, reindexer: Reindexer, adminKey: string): Hono<AppEnv> {
  const { config } = deps;
  const corpusDir = resolve(config.CORPUS_DIR);
  const app = new Hono<AppEnv>();
  // On each route, not on "*": this app is mounted at /api beside the question routes, which it must not guard.
  const admin = apiKeyAuth({ keys: [adminKey] });

  const listing = () => listDocuments(corpusDir, deps.state.current()?.ingest.index.manifest, config.MAX_DOCUMENT_BYTES);
  const indexStatus = () => {
    const { running, last } = reindexer.status();
    return { builtAt: deps.state.current()?.ingest.index.manifest.builtAt ?? null, reindexing: running, ...(last ? { last } : {}) };
  };
  /** Re-indexes; with ?wait=true waits for the new index, else answers at once. */
  const reindexFor = async (c: Context<AppEnv>, trigger: string): Promise<{ wait: boolean; result?: ReindexResult }> => {
    const run = reindexer.reindex(trigger);
    if (c.req.query("wait") !== "true") return { wait: false };
    return { wait: true, result: await run };
  };

  app.get("/documents", admin, async (c) => c.json({ documents: await listing(), index: indexStatus() }));

  app.post("/documents", admin, limitBody(config.MAX_DOCUMENT_BYTES + MULTIPART_OVERHEAD), async (c) => {
    const { name, bytes } = await uploaded(c);
    const added = await addDocument(corpusDir, name, bytes, config.MAX_DOCUMENT_BYTES).catch(asHttpError);
    deps.logger.info({ document: added.name, bytes: added.bytes, created: added.created }, `document ${added.created ? "added" : "replaced"}: ${added.name}`);
    const { wait, result } = await reindexFor(c, `document ${added.name} uploaded`);
    const document = wait ? (await listing()).find((entry) => entry.name === added.name) : undefined;
    return c.json({ document: document ?? { ...added, status: "pending" }, ...(result ? { reindex: result } : {}) }, wait ? (added.created ? 201 : 200) : 202);
  });

  app.delete("/documents/:name", admin, rejectMalformedPath(), async (c) => {
    const name = c.req.param("name");
    const removed = await removeDocument(corpusDir, name).catch(asHttpError);
    if (!removed) throw notFound(`document ${JSON.stringify(name)}`, "GET /api/documents lists them");
    deps.logger.info({ document: name }, `document removed: ${name}`);
    const { wait, result } = await reindexFor(c, `document ${name} removed`);
    return c.json({ deleted: name, ...(result ? { reindex: result } : {}) }, wait ? 200 : 202);
  });

  app.post("/admin/reindex", admin, async (c) => {
    const { wait, result } = await reindexFor(c, "requested");
    if (!wait) return c.json({ status: "started", index: indexStatus() }, 202);
    if (!result!.ok) throw new HttpError(422, "reindex_failed", `the corpus could not be indexed, the previous index goes on serving: ${result!.error}`);
    return c.json(result!);
  });

  return app;
}

/** The uploaded file's name and bytes: multipart with a `file` field, or the raw body named by ?name=. */
async function uploaded(c: Context<AppEnv>): Promise<{ name: string; bytes: Uint8Array }> {
  const type = c.req.header("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await c.req.parseBody().catch(() => {
      throw new InvalidInputError("the multipart body cannot be read");
    });
    const file = form.file;
    if (!(file instanceof File)) throw new InvalidInputError('send the document in a multipart field named "file"');
    return { name: c.req.query("name") ?? file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  const name = c.req.query("name");
  if (!name) throw new InvalidInputError("name the document: POST /api/documents?name=report.pdf with the file as the body, or send multipart with a field named \"file\"");
  return { name, bytes: new Uint8Array(await c.req.arrayBuffer()) };
}

/** Input errors about the document keep their own status: 413 for size, 422 for a file that cannot be read. */
function asHttpError(error: unknown): never {
  if (error instanceof InvalidInputError) {
    if (error.code === "document_too_large") throw new HttpError(413, error.code, error.message);
    if (error.code === "unreadable_document") throw new HttpError(422, error.code, error.message);
    if (error.code === "unsupported_type") throw new HttpError(415, error.code, error.message);
  }
  throw error;
}
