import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_MAX_BYTES, DocumentSkipError, isSupportedName, loadDocument, type DocumentType, type SkipReason } from "./formats/index.js";

/** Largest document read by default: the document reader's own default (50 MB). */
export const DEFAULT_MAX_DOCUMENT_BYTES = DEFAULT_MAX_BYTES;

/** A file of the corpus folder as found on disk, before it is read: enough to tell whether it changed. */
export interface CorpusEntry {
  name: string;
  bytes: number;
  /** Last modified, ISO. */
  modified: string;
  /** sha256 of the bytes; for a file over the size limit, of its size and modification time (it is never read). */
  sha256: string;
}

/** A corpus file read into text. */
export interface CorpusFile extends CorpusEntry {
  type: DocumentType;
  text: string;
  pages?: number;
}

/** A corpus file that could not be read, and why. */
export interface SkippedFile extends CorpusEntry {
  reason: SkipReason;
  message: string;
}

/**
 * Every supported document directly inside the corpus folder (by extension; the content decides how it
 * is read), in name order. Hidden files and the temporary files of an atomic write are not documents.
 */
export async function scanCorpus(dir: string, maxBytes = DEFAULT_MAX_DOCUMENT_BYTES): Promise<CorpusEntry[]> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && !entry.name.startsWith(".") && isSupportedName(entry.name))
    .map((entry) => entry.name)
    .sort();
  const entries = await Promise.all(names.map((name) => describeFile(dir, name, maxBytes).catch(() => undefined)));
  // A file removed between listing and reading is simply no longer part of the corpus.
  return entries.filter((entry): entry is CorpusEntry => entry !== undefined);
}

async function describeFile(dir: string, name: string, maxBytes: number): Promise<CorpusEntry> {
  const path = join(dir, name);
  const info = await stat(path);
  const modified = info.mtime.toISOString();
  const sha = info.size > maxBytes ? sha256(`oversized:${info.size}:${info.mtimeMs}`) : sha256(await readFile(path));
  return { name, bytes: info.size, modified, sha256: sha };
}

/** Reads each scanned file into text; a file that cannot be read is skipped with its reason, never failing the others. */
export async function readCorpusFiles(dir: string, entries: CorpusEntry[], maxBytes = DEFAULT_MAX_DOCUMENT_BYTES): Promise<{ files: CorpusFile[]; skipped: SkippedFile[] }> {
  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const entry of entries) {
    const read = await readOne(dir, entry, maxBytes);
    if (!read) continue;
    if ("text" in read) files.push(read);
    else skipped.push(read);
  }
  return { files, skipped };
}

/** The file read, or why it was skipped; undefined when it was removed since the scan. */
async function readOne(dir: string, entry: CorpusEntry, maxBytes: number): Promise<CorpusFile | SkippedFile | undefined> {
  if (entry.bytes > maxBytes) {
    return { ...entry, reason: "too-large", message: `the file is ${megabytes(entry.bytes)}, over the limit of ${megabytes(maxBytes)} (MAX_DOCUMENT_BYTES)` };
  }
  try {
    const loaded = await loadDocument(entry.name, await readFile(join(dir, entry.name)), { maxBytes });
    return { ...entry, type: loaded.type, text: loaded.text, ...(loaded.pages ? { pages: loaded.pages } : {}) };
  } catch (error) {
    if (error instanceof DocumentSkipError) return { ...entry, reason: error.reason, message: error.message };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    return { ...entry, reason: "corrupt", message: code ? `the file cannot be read (${code})` : `the file cannot be read: ${(error as Error).message}` };
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
