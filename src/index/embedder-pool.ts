import { Worker } from "node:worker_threads";
import type { Embedder } from "./embedder.js";
import { createLocalEmbedder } from "./local-embedder.js";

/** An embedder that also owns threads, to be closed when the process is done with it. */
export interface PooledEmbedder extends Embedder {
  close(): Promise<void>;
}

interface Job {
  texts: string[];
  resolve: (vectors: number[][]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Job[] | undefined;
}

// The encoder costs much less per text in a batch (about 7 ms at 16 texts against 20 ms alone), so a
// free worker takes everything queued at once, up to this many texts.
const MAX_BATCH = 32;

/**
 * The local sentence encoder on `workers` threads. Calls that arrive while every thread is busy are
 * queued and embedded together as one batch by the next thread to free up: under load, batching does
 * the work of a bigger machine; alone, a call pays only the hop to the thread.
 */
export function createEmbedderPool(workers: number): PooledEmbedder {
  const local = createLocalEmbedder();
  const queue: Job[] = [];
  let nextId = 0;
  const slots: Slot[] = Array.from({ length: workers }, () => {
    const slot: Slot = { worker: new Worker(new URL("./embed-worker.mjs", import.meta.url)), busy: undefined };
    slot.worker.on("message", (message: { vectors?: number[][]; error?: string }) => finish(slot, message));
    slot.worker.on("error", (error) => finish(slot, { error: error.message }));
    slot.worker.unref();
    return slot;
  });

  function dispatch() {
    for (const slot of slots) {
      if (slot.busy || !queue.length) continue;
      const batch: Job[] = [];
      let size = 0;
      while (queue.length && (batch.length === 0 || size + queue[0].texts.length <= MAX_BATCH)) {
        const job = queue.shift()!;
        batch.push(job);
        size += job.texts.length;
      }
      slot.busy = batch;
      slot.worker.ref();
      slot.worker.postMessage({ id: nextId++, texts: batch.flatMap((job) => job.texts) });
    }
  }

  function finish(slot: Slot, message: { vectors?: number[][]; error?: string }) {
    const batch = slot.busy ?? [];
    slot.busy = undefined;
    // An idle worker must not keep the process alive; a busy one must, or its callers would never hear back.
    slot.worker.unref();
    let offset = 0;
    for (const job of batch) {
      if (message.vectors) job.resolve(message.vectors.slice(offset, offset + job.texts.length));
      else job.reject(new Error(`embedding worker failed: ${message.error}`));
      offset += job.texts.length;
    }
    dispatch();
  }

  return {
    id: local.id,
    dimensions: local.dimensions,
    maxBatch: local.maxBatch,
    embed(texts, options) {
      options?.signal?.throwIfAborted();
      return new Promise((resolve, reject) => {
        queue.push({ texts, resolve, reject });
        dispatch();
      });
    },
    async close() {
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
