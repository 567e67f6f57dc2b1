import { LRUCache } from "lru-cache";
import type { AskResult } from "./ask-result.js";

/** An answer as cached: everything but what is the asker's own (its id, the question as they typed it). */
export type CachedAnswer = Omit<AskResult, "id" | "question">;

/**
 * Answers already given, by normalised question, filters and index version. Real traffic repeats (the
 * widget's suggested questions, the same Slack question from several people), and a repeat costs a
 * lookup instead of an embedding and a composition. Asynchronous, so a shared store can stand behind it.
 */
export interface AnswerCache {
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer): Promise<void>;
}

/** Answers kept by default: a few hundred distinct questions make up most repeats. */
export const DEFAULT_CACHED_ANSWERS = 2_000;

/** In this process, least recently used first out. */
export function createMemoryAnswerCache(max = DEFAULT_CACHED_ANSWERS): AnswerCache {
  const cache = new LRUCache<string, CachedAnswer>({ max });
  return {
    get: async (key) => cache.get(key),
    set: async (key, answer) => void cache.set(key, answer),
  };
}

/**
 * The cache key of a question: the same question typed with other spacing, case or a final "?" is the
 * same question; other filters, retrieval settings or another index are another.
 */
export function answerKey(parts: { indexVersion: string; question: string; filters?: unknown; k: number; retrieval?: string }): string {
  const question = parts.question.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim().replace(/[\s?!.]+$/u, "");
  // Filters by name, so the order a client wrote them in does not matter.
  const filters = parts.filters && typeof parts.filters === "object"
    ? Object.entries(parts.filters).filter(([, value]) => value !== undefined).sort(([a], [b]) => a.localeCompare(b))
    : null;
  return JSON.stringify([parts.indexVersion, question, filters, parts.k, parts.retrieval ?? "hybrid"]);
}
