import type { Citation } from "../answer/index.js";

/** One exchange in a thread: what was asked and what Chronicle answered. */
export interface Turn {
  /** As the user wrote it: a condenser re-reads the whole chain, so earlier rewrites are not kept. */
  question: string;
  answer: string;
  citations: Citation[];
}

export interface ThreadMemoryOptions {
  /** Threads remembered at once; the least recently used is forgotten first. */
  maxThreads?: number;
  /** Turns kept per thread: the most recent ones. */
  maxTurns?: number;
  /** A thread idle this long is forgotten. */
  ttlMs?: number;
  now?: () => number;
}

/** The earlier turns of each conversation, bounded in threads, turns and time. */
export interface ThreadMemory {
  turns(key: string): Turn[];
  add(key: string, turn: Turn): void;
  readonly size: number;
}

const DEFAULTS: Required<ThreadMemoryOptions> = { maxThreads: 1000, maxTurns: 6, ttlMs: 60 * 60 * 1000, now: Date.now };

/** In-memory only: a restart forgets conversations, which then simply start afresh. */
export function createThreadMemory(options: ThreadMemoryOptions = {}): ThreadMemory {
  const { maxThreads, maxTurns, ttlMs, now } = { ...DEFAULTS, ...options };
  // Map order is recency order: every touch re-inserts, so the first key is the least recently used.
  const threads = new Map<string, { turns: Turn[]; touched: number }>();

  const live = (key: string) => {
    const thread = threads.get(key);
    if (thread && now() - thread.touched > ttlMs) {
      threads.delete(key);
      return undefined;
    }
    return thread;
  };

  return {
    turns: (key) => [...(live(key)?.turns ?? [])],
    add(key, turn) {
      const turns = [...(live(key)?.turns ?? []), turn].slice(-maxTurns);
      threads.delete(key);
      threads.set(key, { turns, touched: now() });
      while (threads.size > maxThreads) threads.delete(threads.keys().next().value!);
    },
    get size() {
      return threads.size;
    },
  };
}
