import { Worker } from "node:worker_threads";
import type { Embedder } from "./embedder.js";
import { createLocalEmbedder } from "./local-embedder.js";

/** An embedder that also owns threads, to be closed when the process is done with it. */
export interface PooledEmbedder extends Embedder {
  /**
   * Resolves once every thread has loaded its model and run it once; they do so by themselves as they
   * start, so this is for a caller that must not time the first run (a benchmark).
   */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** Embeds one batch somewhere: on a worker thread, or in this thread. */
export interface Slot {
  run(texts: string[]): Promise<number[][]>;
  warm(): Promise<void>;
  close(): Promise<void>;
  busy: boolean;
}

interface Job {
  texts: string[];
  queuedAt: number;
  resolve: (vectors: number[][]) => void;
  reject: (error: Error) => void;
}

// The encoder costs about half as much per text in a batch of 16 as alone; past this many texts a
// bigger batch gains nothing and only makes its first text wait.
const MAX_BATCH = 32;
// Under load, how long a free slot may wait for its share of the queue before it takes what is there.
const LINGER_MS = 3;

/**
 * The local sentence encoder on `workers` threads (0: in this thread). Calls that arrive while every
 * slot is busy are queued and embedded together as one batch by the next slot to free up: under load,
 * batching does the work of a bigger machine; alone, a call pays at most the hop to a thread.
 */
export function createEmbedderPool(workers: number): PooledEmbedder {
  const local = createLocalEmbedder();
  const slots: Slot[] = workers > 0 ? Array.from({ length: workers }, workerSlot) : [inProcessSlot(local)];
  const batcher = createBatcher(slots);
  return {
    id: local.id,
    dimensions: local.dimensions,
    maxBatch: local.maxBatch,
    embed: batcher.embed,
    async warm() {
      await Promise.all(slots.map((slot) => slot.warm()));
    },
    async close() {
      batcher.stop();
      await Promise.all(slots.map((slot) => slot.close()));
    },
  };
}

/**
 * Shares queued texts among the slots in batches. A slot that frees up takes its share of the load:
 * about the texts usually outstanding divided by the slots. Without this, under a steady load the first
 * text to arrive after a batch would go alone to the slot that just freed, at the full cost of a batch,
 * while the others queue behind it; and one slot could take a whole burst while the other stands idle.
 * Alone (nothing else outstanding), a text goes at once.
 */
export function createBatcher(slots: Slot[]): { embed(texts: string[], options?: { signal?: AbortSignal }): Promise<number[][]>; stop(): void } {
  const queue: Job[] = [];
  let queued = 0;
  let running = 0;
  // How many texts are usually outstanding when one arrives (a moving average).
  let load = 1;
  let timer: NodeJS.Timeout | undefined;

  function dispatch() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const share = Math.min(MAX_BATCH, Math.max(1, Math.round(load / slots.length)));
    for (const slot of slots) {
      if (slot.busy || !queue.length) continue;
      const waited = performance.now() - queue[0]!.queuedAt;
      if (queued < share && waited < LINGER_MS) {
        timer = setTimeout(dispatch, LINGER_MS - waited);
        return;
      }
      // Its share, or an even part of a queue that has grown beyond the shares.
      const limit = Math.min(MAX_BATCH, Math.max(share, Math.ceil(queued / slots.length)));
      const batch: Job[] = [];
      let size = 0;
      while (queue.length && (batch.length === 0 || size + queue[0]!.texts.length <= limit)) {
        const job = queue.shift()!;
        batch.push(job);
        size += job.texts.length;
      }
      queued -= size;
      running += size;
      slot.busy = true;
      slot.run(batch.flatMap((job) => job.texts)).then(
        (vectors) => {
          let offset = 0;
          for (const job of batch) {
            job.resolve(vectors.slice(offset, offset + job.texts.length));
            offset += job.texts.length;
          }
        },
        (error: Error) => batch.forEach((job) => job.reject(error)),
      ).finally(() => {
        slot.busy = false;
        running -= size;
        dispatch();
      });
    }
  }

  return {
    embed(texts, options) {
      options?.signal?.throwIfAborted();
      return new Promise((resolve, reject) => {
        queue.push({ texts, queuedAt: performance.now(), resolve, reject });
        queued += texts.length;
        load = 0.8 * load + 0.2 * (queued + running);
        dispatch();
      });
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}

function inProcessSlot(local: Embedder): Slot {
  return { busy: false, run: (texts) => local.embed(texts), warm: async () => void (await local.embed([WARM_UP_TEXT])), close: async () => {} };
}

// What a thread embeds before its first question: the encoder's first run costs several times a later one.
const WARM_UP_TEXT = "How does this work?";

/** A worker thread running embed-worker.mjs; it is handed one batch at a time. It warms itself as it starts. */
function workerSlot(): Slot {
  const worker = new Worker(new URL("./embed-worker.mjs", import.meta.url), { workerData: { warmUpText: WARM_UP_TEXT } });
  let pending: { resolve: (vectors: number[][]) => void; reject: (error: Error) => void } | undefined;
  let warmed!: { resolve: () => void; reject: (error: Error) => void };
  const warm = new Promise<void>((resolve, reject) => (warmed = { resolve, reject }));
  // Nobody may be waiting for it; a failure to warm also fails the first batch, which reports it.
  warm.catch(() => {});
  let awaitingWarm = 0;
  // An idle worker must not keep the process alive; one that somebody waits for must, or they would never hear back.
  const holdProcess = () => (pending || awaitingWarm ? worker.ref() : worker.unref());
  const settle = (message: { vectors?: number[][]; error?: string; warmed?: boolean }) => {
    if (message.warmed !== undefined) {
      if (message.warmed) warmed.resolve();
      else warmed.reject(new Error(`embedding worker failed to start: ${message.error}`));
      return;
    }
    const current = pending;
    pending = undefined;
    holdProcess();
    if (message.vectors) current?.resolve(message.vectors);
    else current?.reject(new Error(`embedding worker failed: ${message.error}`));
  };
  worker.on("message", settle);
  worker.on("error", (error) => {
    warmed.reject(new Error(`embedding worker failed to start: ${error.message}`));
    settle({ error: error.message });
  });
  holdProcess();
  let nextId = 0;
  return {
    busy: false,
    async warm() {
      awaitingWarm++;
      holdProcess();
      try {
        await warm;
      } finally {
        awaitingWarm--;
        holdProcess();
      }
    },
    run(texts) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        holdProcess();
        worker.postMessage({ id: nextId++, texts });
      });
    },
    close: () => worker.terminate().then(() => undefined),
  };
}
