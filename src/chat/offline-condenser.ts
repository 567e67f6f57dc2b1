import { condense } from "./condense.js";
import type { Condenser } from "./types.js";

/** Options of `createOfflineCondenser`. */
export interface OfflineCondenserOptions {
  /** The year dates written without one are read in; the corpus's main year (`chronicle.retriever.year`). */
  year?: number;
}

/** A condenser that needs no model: the rule-based rewrite of `condense`. */
export function createOfflineCondenser(options: OfflineCondenserOptions = {}): Condenser {
  const year = options.year ?? new Date().getUTCFullYear();
  return async (messages, opts) => {
    opts?.signal?.throwIfAborted();
    return condense(messages, { year });
  };
}
