import { Worker } from "node:worker_threads";
import { DocumentSkipError, type SkipReason } from "./document-skip-error.js";
import type { DocumentType, LoadedDocument } from "./loaded-document.js";

/** One document to convert on the reader thread. */
export interface ReaderJob {
  type: DocumentType;
  bytes: Uint8Array;
  maxBytes: number;
  /** Longest the conversion may go without progress (a PDF reports each page) before it is stopped. */
  timeoutMs: number;
}

interface QueuedJob extends ReaderJob {
  resolve: (loaded: LoadedDocument) => void;
  reject: (error: Error) => void;
}

type WorkerMessage =
  | { ready: true }
  | { id: number; progress: true }
  | { id: number; loaded: LoadedDocument }
  | { id: number; skip: { reason: SkipReason; message: string } };

// However steadily a document progresses, no conversion runs longer than this.
const MAX_JOB_MS = 60_000;
// Loading pdf.js, mammoth and the rest takes a second or two; a thread not up by then never will be.
const STARTUP_MS = 60_000;
// An idle thread holds the parsers' memory: it is ended after this long without work.
const IDLE_MS = 15_000;
// The thread's JavaScript heap: a document needing more is skipped rather than bringing the process down.
const HEAP_MB = 3072;

/**
 * A worker thread that converts documents one at a time, started on first use. A conversion that runs
 * past its time (no progress for `timeoutMs`) or exhausts the thread's memory ends the thread, which
 * is the only way to stop a parser stuck in synchronous work; that document is skipped as "corrupt" and
 * the next starts a fresh thread. An idle thread never keeps the process alive.
 */
class ReaderThread {
  private readonly worker: Worker;
  private ready = false;
  // Set once the thread is being ended: from then on it takes no more work.
  private closing = false;
  private exited = false;
  private current?: { id: number; job: QueuedJob; timer: NodeJS.Timeout; started: number };
  private readonly queue: QueuedJob[] = [];
  private nextId = 0;
  private idleTimer?: NodeJS.Timeout;
  private readonly startupTimer: NodeJS.Timeout;
  private startupError?: Error;

  constructor(private readonly onExit: (thread: ReaderThread, unfinished: QueuedJob[]) => void) {
    this.worker = new Worker(new URL("./format-worker.mjs", import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    this.worker.on("message", (message: WorkerMessage) => this.receive(message));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", () => this.exit());
    this.startupTimer = setTimeout(() => this.fail(new Error(`the document reader thread did not start within ${STARTUP_MS / 1000} s`)), STARTUP_MS);
    this.startupTimer.unref();
  }

  get alive(): boolean {
    return !this.closing && !this.exited;
  }

  run(job: QueuedJob): void {
    this.queue.push(job);
    this.dispatch();
  }

  private dispatch(): void {
    if (!this.ready || this.current || !this.alive) return;
    const job = this.queue.shift();
    if (!job) {
      // Idle: let the process exit, and free the parsers' memory if nothing comes for a while.
      this.worker.unref();
      this.idleTimer = setTimeout(() => this.close(), IDLE_MS);
      this.idleTimer.unref();
      return;
    }
    clearTimeout(this.idleTimer);
    this.worker.ref();
    const id = this.nextId++;
    // A copy is handed over, so the caller's bytes stay usable (and hashable) after the transfer.
    const copy = new Uint8Array(job.bytes);
    this.current = { id, job, timer: setTimeout(() => this.timeOut(), job.timeoutMs), started: Date.now() };
    this.worker.postMessage({ id, type: job.type, bytes: copy.buffer, maxBytes: job.maxBytes }, [copy.buffer]);
  }

  private receive(message: WorkerMessage): void {
    if ("ready" in message) {
      clearTimeout(this.startupTimer);
      this.ready = true;
      this.dispatch();
      return;
    }
    const current = this.current;
    if (!current || message.id !== current.id) return;
    if ("progress" in message) {
      clearTimeout(current.timer);
      const left = MAX_JOB_MS - (Date.now() - current.started);
      current.timer = setTimeout(() => this.timeOut(), Math.max(0, Math.min(current.job.timeoutMs, left)));
      return;
    }
    clearTimeout(current.timer);
    this.current = undefined;
    if ("loaded" in message) current.job.resolve(message.loaded);
    else current.job.reject(new DocumentSkipError(message.skip.reason, message.skip.message));
    this.dispatch();
  }

  private timeOut(): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    const elapsed = Date.now() - current.started;
    const how = elapsed >= MAX_JOB_MS ? `after ${MAX_JOB_MS / 1000} s, the most any document may take` : `after ${(elapsed / 1000).toFixed(1)} s without progress`;
    current.job.reject(
      new DocumentSkipError(
        "corrupt",
        `reading it was stopped ${how}: the file is damaged or built to exhaust readers (a decompression bomb, pathological nesting); check it opens and save it again`,
      ),
    );
    this.close();
  }

  private close(): void {
    this.closing = true;
    void this.worker.terminate();
  }

  /** The thread failed (out of memory, or it could not start): the document it held is skipped. */
  private fail(error: Error): void {
    const current = this.current;
    this.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      const outOfMemory = (error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
      current.job.reject(
        outOfMemory
          ? new DocumentSkipError("corrupt", `reading it needed more than ${HEAP_MB} MB of memory: the file is damaged or built to exhaust readers; check it opens and save it again`)
          : new DocumentSkipError("corrupt", `the document reader failed on it (${error.message})`, { cause: error }),
      );
    }
    if (!this.ready) this.startupError = error;
    this.close();
  }

  private exit(): void {
    if (this.exited) return;
    this.exited = true;
    clearTimeout(this.startupTimer);
    clearTimeout(this.idleTimer);
    const unfinished = this.queue.splice(0);
    if (!this.ready) {
      // A thread that never started would fail every document the same way: say so to each, once.
      const cause = this.startupError ?? new Error("it exited");
      for (const job of unfinished) job.reject(new Error(`the document reader thread could not start: ${cause.message}`, { cause }));
      unfinished.length = 0;
    }
    const current = this.current;
    this.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.job.reject(new DocumentSkipError("corrupt", "the document reader stopped while reading it; check the file opens and save it again"));
    }
    this.onExit(this, unfinished);
  }
}

let thread: ReaderThread | undefined;

function threadFor(): ReaderThread {
  if (!thread?.alive) {
    thread = new ReaderThread((ended, unfinished) => {
      if (thread === ended) thread = undefined;
      // Documents queued behind the one that ended the thread go to a fresh one.
      for (const job of unfinished) threadFor().run(job);
    });
  }
  return thread;
}

/** Converts one document on the shared reader thread. */
export function convertOnReaderThread(job: ReaderJob): Promise<LoadedDocument> {
  return new Promise((resolve, reject) => threadFor().run({ ...job, resolve, reject }));
}
