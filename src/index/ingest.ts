import { join } from "node:path";
import { mkdir } from "node:fs/promises";
import { Bm25Store } from "./bm25-store.js";
import type { Chunk } from "./chunk.js";
import { readCorpus, type CorpusFile } from "./corpus.js";
import { embedMany, type Embedder } from "./embedder.js";
import { HnswStore } from "./hnsw-store.js";
import { indexFromParts, loadIndex, readCurrentManifest, saveIndex, type LoadedIndex } from "./index-files.js";
import { withIngestLock } from "./ingest-lock.js";
import { FORMAT_VERSION, staleReason, type Manifest } from "./manifest.js";
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
}

/**
 * Returns an index for the corpus: the saved one when it matches the corpus files and the embedder,
 * otherwise a fresh build. A missing or corrupt index is rebuilt with a log line saying why.
 */
export async function ensureIndex(options: IngestOptions): Promise<IngestResult> {
  const started = performance.now();
  const logger = options.logger ?? silentLogger;
  const corpus = await readCorpus(options.corpusDir).catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError("CORPUS_DIR", `cannot read ${options.corpusDir}: ${error.code ?? error.message}`);
  });
  if (corpus.length === 0) throw new ConfigError("CORPUS_DIR", `no .txt or .md files in ${options.corpusDir}`);
  await mkdir(options.dataDir, { recursive: true });

  const current = options.force ? { reason: "rebuild requested" } : await loadCurrent(options, corpus, logger);
  if ("index" in current) return { index: current.index, rebuilt: false, seconds: elapsed(started) };

  return withIngestLock(join(options.dataDir, "ingest.lock"), async () => {
    // Another process may have finished the same build while this one waited for the lock.
    const again = options.force ? current : await loadCurrent(options, corpus, silentLogger);
    if ("index" in again) return { index: again.index, rebuilt: false, seconds: elapsed(started) };
    logger.info({ reason: again.reason }, `building index: ${again.reason}`);
    const built = await build(options, corpus);
    return { ...built, rebuilt: true, reason: again.reason, seconds: elapsed(started) };
  });
}

async function loadCurrent(options: IngestOptions, corpus: CorpusFile[], logger: Logger): Promise<{ index: LoadedIndex } | { reason: string }> {
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

async function build(options: IngestOptions, corpus: CorpusFile[]) {
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return Math.round(ms);
  };
  // A document that names no year reads its dates in the year the corpus names most.
  const defaultYear = documentYear(corpus.map((file) => file.text).join("\n"));
  const chunks: Chunk[] = (await Promise.all(corpus.map((file) => parseDocument(file.name, file.text, { defaultYear })))).flat();
  const parse = lap();
  const vectors = await embedMany(options.embedder, chunks.map(embeddingText), { onProgress: options.onProgress, concurrency: options.concurrency });
  const embed = lap();
  const bm25 = Bm25Store.build(chunks);
  const hnsw = await HnswStore.build(options.embedder, chunks.map((chunk) => chunk.id), vectors);
  const indexing = lap();
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    analyzer: ANALYZER_ID,
    chunking: CHUNKING_ID,
    embedder: { id: options.embedder.id, dimensions: options.embedder.dimensions },
    corpus: corpus.map(({ name, sha256 }) => ({ name, sha256 })),
    files: {},
    counts: { documents: corpus.length, chunks: chunks.length, chronology: chunks.filter((c) => c.kind === "chronology").length },
    builtAt: new Date().toISOString(),
  };
  await saveIndex(options.dataDir, { manifest, chunks, bm25, hnsw });
  const write = lap();
  return { index: indexFromParts(manifest, chunks, bm25, hnsw), timings: { parse, embed, index: indexing, write } };
}

/** The section title gives a paragraph its topic, which the paragraph itself often leaves implicit. */
function embeddingText(chunk: Chunk): string {
  return chunk.section && !chunk.text.includes(chunk.section) ? `${chunk.section}: ${chunk.text}` : chunk.text;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started) / 1000;
}
