import type { CorpusFile } from "./corpus.js";
import type { Embedder } from "./embedder.js";
import { ANALYZER_ID } from "../text/terms.js";
import { CHUNKING_ID } from "./parse-document.js";

/** Bumped whenever the saved layout or the chunking changes, so older indexes are rebuilt. */
export const FORMAT_VERSION = 5;

/** What a saved index was built from, and checksums of its own files. */
export interface Manifest {
  formatVersion: number;
  /** The text analysis BM25 was built with. */
  analyzer: string;
  /** How documents were cut into chunks. */
  chunking: string;
  embedder: { id: string; dimensions: number };
  corpus: Array<{ name: string; sha256: string }>;
  /** sha256 of every file of the index, by path relative to the index folder. */
  files: Record<string, string>;
  counts: { documents: number; chunks: number; chronology: number };
  builtAt: string;
}

/** Why a saved index cannot serve this corpus and embedder, or undefined when it can. */
export function staleReason(manifest: Manifest, corpus: CorpusFile[], embedder: Embedder): string | undefined {
  if (manifest.formatVersion !== FORMAT_VERSION) return `index format ${manifest.formatVersion} is not ${FORMAT_VERSION}`;
  if (manifest.analyzer !== ANALYZER_ID) return `text analysis changed (${manifest.analyzer} is now ${ANALYZER_ID})`;
  if (manifest.chunking !== CHUNKING_ID) return `chunking changed (${manifest.chunking} is now ${CHUNKING_ID})`;
  if (manifest.embedder.id !== embedder.id || manifest.embedder.dimensions !== embedder.dimensions) {
    return `index was built with embedder ${manifest.embedder.id}, now ${embedder.id}`;
  }
  const saved = new Map(manifest.corpus.map((file) => [file.name, file.sha256]));
  const added = corpus.filter((file) => !saved.has(file.name)).map((file) => file.name);
  const changed = corpus.filter((file) => saved.has(file.name) && saved.get(file.name) !== file.sha256).map((file) => file.name);
  const current = new Set(corpus.map((file) => file.name));
  const removed = manifest.corpus.filter((file) => !current.has(file.name)).map((file) => file.name);
  const parts = [
    added.length ? `added ${added.join(", ")}` : "",
    changed.length ? `changed ${changed.join(", ")}` : "",
    removed.length ? `removed ${removed.join(", ")}` : "",
  ].filter(Boolean);
  return parts.length ? `corpus ${parts.join("; ")}` : undefined;
}
