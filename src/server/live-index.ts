import { watch, type FSWatcher } from "node:fs";
import { resolve } from "node:path";
import { closeEmbedder, createEmbedder, openChronicle, type Chronicle, type OpenOptions } from "../chronicle.js";
import type { Config } from "../config.js";
import type { Embedder, SkippedFile } from "../index/index.js";
import type { Logger } from "../logger.js";
import { trackChronicle, type ChronicleState } from "./chronicle-state.js";

/** How one re-index went. */
export interface ReindexResult {
  /** Why it ran ("corpus folder changed", "requested"). */
  trigger: string;
  finishedAt: string;
  ok: boolean;
  /** False when the saved index was already current and only reloaded. */
  rebuilt?: boolean;
  /** What changed, as the index saw it ("corpus added report.pdf"). */
  reason?: string;
  seconds: number;
  documents?: number;
  chunks?: number;
  /** Passages embedded; the rest came from the embedding cache. */
  embedded?: number;
  skipped?: Array<Pick<SkippedFile, "name" | "reason" | "message">>;
  /** Why it failed; the previous index goes on serving. */
  error?: string;
}

/** Rebuilds the index from the corpus folder and swaps it in while the old one serves. */
export interface Reindexer {
  /**
   * Starts a re-index, or joins the one that will run next: the promise settles when an index built
   * after this call is live (or the build failed). A call during a build queues one more build, since
   * the running one may have read the folder before the change.
   */
  reindex(trigger: string): Promise<ReindexResult>;
  /** Whether a build is running, and how the last one went. */
  status(): { running: boolean; last?: ReindexResult };
}

/** A chronicle that can be rebuilt and swapped while serving, and optionally follows its folder. */
export interface LiveIndex extends Reindexer {
  readonly state: ChronicleState;
  /** Begins the first load (and watching); until then the state is "loading". */
  start(): void;
  /** Stops watching, waits for a running build, then releases the embedder. */
  close(): Promise<void>;
}

export interface LiveIndexOptions {
  config: Config;
  logger: Logger;
  /** By default the configured one; either way every build shares it, and `close` releases it only if made here. */
  embedder?: Embedder;
  /** Passed to every `openChronicle` (answerer, models). */
  open?: Pick<OpenOptions, "answerer" | "models" | "onProgress" | "answerCache">;
  /** Quiet time after the last change in the folder before a watched re-index starts. */
  debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 750;

/**
 * Opens the chronicle and keeps it current: `reindex` on demand, and with WATCH on every change in the
 * corpus folder. Each build goes through `openChronicle`, so only new or changed passages are embedded
 * (the embedding cache) and the saved index is swapped on disk atomically; the one in memory is replaced
 * only once the new one is loaded, so requests never see a half-built index.
 */
export function createLiveIndex(options: LiveIndexOptions): LiveIndex {
  const { config, logger } = options;
  let started = false;
  let begin!: () => void;
  const starting = new Promise<void>((resolve) => (begin = resolve));
  const embedderReady = starting.then(() => options.embedder ?? createEmbedder(config));
  const open = async (): Promise<Chronicle> => openChronicle({ ...options.open, config, logger, embedder: await embedderReady });
  const state = trackChronicle(starting.then(open));

  let running: Promise<ReindexResult> | undefined;
  let queued: Promise<ReindexResult> | undefined;
  let last: ReindexResult | undefined;

  const build = async (trigger: string): Promise<ReindexResult> => {
    const started = performance.now();
    const seconds = () => Math.round(performance.now() - started) / 1000;
    // The first load must settle first: a re-index is a change from a known state.
    await state.ready.catch(() => undefined);
    try {
      const next = await open();
      state.replace(next);
      const { ingest } = next;
      last = {
        trigger, finishedAt: new Date().toISOString(), ok: true, rebuilt: ingest.rebuilt,
        ...(ingest.reason ? { reason: ingest.reason } : {}),
        seconds: seconds(), documents: ingest.index.manifest.counts.documents, chunks: next.chunks.length,
        embedded: ingest.embedded ?? 0, skipped: ingest.skipped.map(({ name, reason, message }) => ({ name, reason, message })),
      };
      logger.info({ trigger, rebuilt: ingest.rebuilt, reason: ingest.reason, seconds: last.seconds, embedded: last.embedded, chunks: last.chunks }, ingest.rebuilt ? `re-indexed: ${ingest.reason}` : "re-index: already current");
    } catch (error) {
      const message = (error as Error).message;
      last = { trigger, finishedAt: new Date().toISOString(), ok: false, seconds: seconds(), error: message };
      logger.warn({ trigger, err: message }, `re-index failed, the previous index goes on serving: ${message}`);
    }
    return last;
  };

  const reindex = (trigger: string): Promise<ReindexResult> => {
    if (!running) {
      running = build(trigger).finally(() => (running = undefined));
      return running;
    }
    queued ??= running.then(() => {
      queued = undefined;
      return reindex(trigger);
    });
    return queued;
  };

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  const follow = () => {
    const dir = resolve(config.CORPUS_DIR);
    try {
      watcher = watch(dir, { persistent: false }, () => {
        clearTimeout(timer);
        timer = setTimeout(() => void reindex("corpus folder changed"), options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
      });
      watcher.on("error", (error) => logger.warn({ err: error.message }, `stopped watching ${dir}: ${error.message}`));
      logger.info({ dir }, `watching ${dir} for changes`);
    } catch (error) {
      logger.warn({ err: (error as Error).message }, `cannot watch ${dir}: ${(error as Error).message}`);
    }
  };

  return {
    state,
    start() {
      if (started) return;
      started = true;
      begin();
      if (config.WATCH) follow();
    },
    reindex,
    status: () => ({ running: Boolean(running), ...(last ? { last } : {}) }),
    async close() {
      watcher?.close();
      clearTimeout(timer);
      if (!started) return;
      await queued?.catch(() => undefined);
      await running?.catch(() => undefined);
      await state.ready.catch(() => undefined);
      const embedder = await embedderReady.catch(() => undefined);
      if (!options.embedder && embedder) await closeEmbedder(embedder);
    },
  };
}
