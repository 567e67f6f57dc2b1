import { join } from "node:path";
import { mkdir } from "node:fs/promises";
import { Bm25Store } from "./bm25-store.js";
import type { Chunk } from "./chunk.js";
import { DEFAULT_MAX_DOCUMENT_BYTES, readCorpusFiles, scanCorpus, type CorpusEntry, type SkippedFile } from "./corpus.js";
import { openEmbeddingCache } from "./embedding-cache.js";
import { embedMany, type Embedder } from "./embedder.js";
import { HnswStore } from "./hnsw-store.js";
import { indexFromParts, loadIndex, readCurrentManifest, saveIndex, type LoadedIndex } from "./index-files.js";
import { withIngestLock } from "./ingest-lock.js";
import { FORMAT_VERSION, skippedFiles, staleReason, type DocumentRecord, type Manifest } from "./manifest.js";
import { CHUNKING_ID, documentYear, parseDocument } from "./parse-document.js";
import { ConfigError, IndexCorruptError } from "../errors.js";
import { ANALYZER_ID } from "../text/terms.js";
import { silentLogger, type Logger } from "../logger.js";

export interface IngestOptions {
  corpusDir: string;
  dataDir: string;
  embedder: Embedder;
  logger?: Logger;
  /** Called as chunks are embedded. */
  onProgress?: (done: number, total: number) => void;
  /** Rebuild even when the saved index is current. */
  force?: boolean;
  /** Embedding batches in flight at once (the number of embedding threads). */
  concurrency?: number;
  /** Files larger than this are skipped unread. */
  maxDocumentBytes?: number;
}

export interface IngestResult {
  index: LoadedIndex;
  /** False when the saved index was current and only loaded. */
  rebuilt: boolean;
  /** Why it was rebuilt. */
  reason?: string;
  seconds: number;
  /** Where a rebuild spent its time, in ms. */
  timings?: { parse: number; embed: number; index: number; write: number };
  /** Passages a rebuild had to embed; the others' vectors came from the embedding cache. */
  embedded?: number;
  /** Files that could not be read, with why. */
  skipped: SkippedFile[];
}

/**
 * Returns an index for the corpus: the saved one when it matches the corpus files and the embedder,
 * otherwise a fresh build. A missing or corrupt index is rebuilt with a log line saying why.
 */
export async function ensureIndex(options: IngestOptions): Promise<IngestResult> {
  const started = performance.now();
  const logger = options.logger ?? silentLogger;
  const maxBytes = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const scan = () => scanCorpus(options.corpusDir, maxBytes).catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError("CORPUS_DIR", `cannot read ${options.corpusDir}: ${error.code ?? error.message}`);
  });
  const corpus = await scan();
  if (corpus.length === 0) throw new ConfigError("CORPUS_DIR", `no documents in ${options.corpusDir} (.txt, .md, .html, .pdf or .docx)`);
  await mkdir(options.dataDir, { recursive: true });

  const current = options.force ? { reason: "rebuild requested" } : await loadCurrent(options, corpus, logger);
  if ("index" in current) return { index: current.index, rebuilt: false, seconds: elapsed(started), skipped: skippedFiles(current.index.manifest) };

  return withIngestLock(join(options.dataDir, "ingest.lock"), async () => {
    // Another process may have finished the same build while this one waited for the lock; the files
    // may also have changed meanwhile, so they are scanned again.
    const latest = await scan();
    const again = options.force ? current : await loadCurrent(options, latest, silentLogger);
    if ("index" in again) return { index: again.index, rebuilt: false, seconds: elapsed(started), skipped: skippedFiles(again.index.manifest) };
    logger.info({ reason: again.reason }, `building index: ${again.reason}`);
    const built = await build(options, latest, maxBytes, logger);
    return { ...built, rebuilt: true, reason: again.reason, seconds: elapsed(started) };
  });
}

async function loadCurrent(options: IngestOptions, corpus: CorpusEntry[], logger: Logger): Promise<{ index: LoadedIndex } | { reason: string }> {
  try {
    const saved = await readCurrentManifest(options.dataDir);
    if (!saved) return { reason: "no saved index" };
    const stale = staleReason(saved.manifest, corpus, options.embedder);
    if (stale) return { reason: stale };
    return { index: await loadIndex(saved.dir, saved.manifest, options.embedder) };
  } catch (error) {
    if (!(error instanceof IndexCorruptError)) throw error;
    logger.warn({ err: error.message }, `saved index is unusable, rebuilding: ${error.message}`);
    return { reason: `saved index unusable: ${error.message}` };
  }
}

async function build(options: IngestOptions, entries: CorpusEntry[], maxBytes: number, logger: Logger) {
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return Math.round(ms);
  };
  const { files, skipped } = await readCorpusFiles(options.corpusDir, entries, maxBytes);
  for (const file of skipped) logger.warn({ file: file.name, reason: file.reason }, `skipped ${file.name}: ${file.message}`);
  if (files.length === 0) {
    throw new ConfigError("CORPUS_DIR", `no document in ${options.corpusDir} could be read (${skipped.map((file) => `${file.name}: ${file.reason}`).join("; ")})`);
  }
  // A document that names no year reads its dates in the year the corpus names most.
  const defaultYear = documentYear(files.map((file) => file.text).join("\n"));
  const perFile = await Promise.all(files.map((file) => parseDocument(file.name, file.text, { defaultYear, paged: file.type === "pdf" })));
  const chunks: Chunk[] = perFile.flat();
  const parse = lap();
  const { vectors, embedded } = await embedWithCache(options, chunks.map(embeddingText));
  const embed = lap();
  const bm25 = Bm25Store.build(chunks);
  const hnsw = await HnswStore.build(options.embedder, chunks.map((chunk) => chunk.id), vectors);
  const indexing = lap();
  const documents: DocumentRecord[] = [
    ...files.map((file, i): DocumentRecord => ({
      name: file.name, sha256: file.sha256, bytes: file.bytes, modified: file.modified, status: "indexed", type: file.type,
      ...(file.pages ? { pages: file.pages } : {}),
      passages: perFile[i].length, dated: perFile[i].filter((chunk) => chunk.date).length,
    })),
    ...skipped.map((file): DocumentRecord => ({
      name: file.name, sha256: file.sha256, bytes: file.bytes, modified: file.modified, status: "skipped",
      passages: 0, dated: 0, error: { reason: file.reason, message: file.message },
    })),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    analyzer: ANALYZER_ID,
    chunking: CHUNKING_ID,
    embedder: { id: options.embedder.id, dimensions: options.embedder.dimensions },
    documents,
    files: {},
    counts: { documents: files.length, chunks: chunks.length, chronology: chunks.filter((c) => c.kind === "chronology").length, skipped: skipped.length },
    builtAt: new Date().toISOString(),
  };
  await saveIndex(options.dataDir, { manifest, chunks, bm25, hnsw });
  const write = lap();
  return { index: indexFromParts(manifest, chunks, bm25, hnsw), timings: { parse, embed, index: indexing, write }, embedded, skipped };
}

/** Vectors for every text: cached ones reused, the rest embedded and added to the cache. */
async function embedWithCache(options: IngestOptions, texts: string[]): Promise<{ vectors: number[][]; embedded: number }> {
  const cache = openEmbeddingCache(join(options.dataDir, "embeddings.sqlite"), `${options.embedder.id}/${options.embedder.dimensions}`);
  try {
    const cached = cache.lookup(texts);
    const missing = [...new Set(texts.filter((text) => !cached.has(text)))];
    const fresh = await embedMany(options.embedder, missing, { onProgress: options.onProgress, concurrency: options.concurrency });
    cache.store(missing, fresh);
    missing.forEach((text, i) => cached.set(text, fresh[i]));
    cache.retainOnly(texts);
    return { vectors: texts.map((text) => cached.get(text)!), embedded: missing.length };
  } finally {
    cache.close();
  }
}

/** The section title gives a paragraph its topic, which the paragraph itself often leaves implicit. */
function embeddingText(chunk: Chunk): string {
  return chunk.section && !chunk.text.includes(chunk.section) ? `${chunk.section}: ${chunk.text}` : chunk.text;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started) / 1000;
}
