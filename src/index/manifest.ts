import type { CorpusEntry, SkippedFile } from "./corpus.js";
import type { Embedder } from "./embedder.js";
import type { DocumentType, SkipReason } from "./formats/index.js";
import { ANALYZER_ID } from "../text/terms.js";
import { CHUNKING_ID } from "./parse-document.js";

/** Bumped whenever the saved layout or the chunking changes, so older indexes are rebuilt. */
export const FORMAT_VERSION = 6;

/** One file of the corpus as the index saw it: read and indexed, or skipped with a reason. */
export interface DocumentRecord {
  name: string;
  sha256: string;
  bytes: number;
  modified: string;
  status: "indexed" | "skipped";
  type?: DocumentType;
  pages?: number;
  /** Passages indexed from it, and how many of them are dated entries. */
  passages: number;
  dated: number;
  error?: { reason: SkipReason; message: string };
}

/** What a saved index was built from, and checksums of its own files. */
export interface Manifest {
  formatVersion: number;
  /** The text analysis BM25 was built with. */
  analyzer: string;
  /** How documents were cut into chunks. */
  chunking: string;
  embedder: { id: string; dimensions: number };
  /** Every corpus file, skipped ones included: a skipped file that is fixed is noticed as a change. */
  documents: DocumentRecord[];
  /** sha256 of every file of the index, by path relative to the index folder. */
  files: Record<string, string>;
  counts: { documents: number; chunks: number; chronology: number; skipped: number };
  builtAt: string;
}

/** The skipped files of a manifest, as `readCorpusFiles` reports them. */
export function skippedFiles(manifest: Manifest): SkippedFile[] {
  return manifest.documents.flatMap(({ name, sha256, bytes, modified, error }) => (error ? [{ name, sha256, bytes, modified, ...error }] : []));
}

/** Why a saved index cannot serve this corpus and embedder, or undefined when it can. */
export function staleReason(manifest: Manifest, corpus: CorpusEntry[], embedder: Embedder): string | undefined {
  if (manifest.formatVersion !== FORMAT_VERSION) return `index format ${manifest.formatVersion} is not ${FORMAT_VERSION}`;
  if (manifest.analyzer !== ANALYZER_ID) return `text analysis changed (${manifest.analyzer} is now ${ANALYZER_ID})`;
  if (manifest.chunking !== CHUNKING_ID) return `chunking changed (${manifest.chunking} is now ${CHUNKING_ID})`;
  if (manifest.embedder.id !== embedder.id || manifest.embedder.dimensions !== embedder.dimensions) {
    return `index was built with embedder ${manifest.embedder.id}, now ${embedder.id}`;
  }
  return corpusChange(manifest, corpus);
}

/** "corpus added b.md; changed a.pdf", or undefined when the files are the ones the index was built from. */
export function corpusChange(manifest: Manifest, corpus: CorpusEntry[]): string | undefined {
  const saved = new Map(manifest.documents.map((file) => [file.name, file.sha256]));
  const added = corpus.filter((file) => !saved.has(file.name)).map((file) => file.name);
  const changed = corpus.filter((file) => saved.has(file.name) && saved.get(file.name) !== file.sha256).map((file) => file.name);
  const current = new Set(corpus.map((file) => file.name));
  const removed = manifest.documents.filter((file) => !current.has(file.name)).map((file) => file.name);
  const parts = [
    added.length ? `added ${added.join(", ")}` : "",
    changed.length ? `changed ${changed.join(", ")}` : "",
    removed.length ? `removed ${removed.join(", ")}` : "",
  ].filter(Boolean);
  return parts.length ? `corpus ${parts.join("; ")}` : undefined;
}
