import type { Chunk, ChunkKind } from "../index/chunk.js";

/** Optional restrictions a caller puts on retrieval. */
export interface Filters {
  /** ISO date: only chunks dated on or after it (undated chunks are dropped when a date filter is set). */
  from?: string;
  /** ISO date: only chunks dated on or before it. */
  to?: string;
  kind?: ChunkKind;
  /** Document file name. */
  doc?: string;
}

export function passesFilters(chunk: Chunk, filters: Filters | undefined): boolean {
  if (!filters) return true;
  if (filters.kind && chunk.kind !== filters.kind) return false;
  if (filters.doc && chunk.doc !== filters.doc) return false;
  if (filters.from || filters.to) {
    if (!chunk.date) return false;
    if (filters.from && chunk.date.end < filters.from) return false;
    if (filters.to && chunk.date.start > filters.to) return false;
  }
  return true;
}
