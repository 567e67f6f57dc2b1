import { rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-write.js";
import { DEFAULT_MAX_DOCUMENT_BYTES, scanCorpus, type CorpusEntry } from "./corpus.js";
import { DocumentSkipError, isSupportedName, loadDocument, SUPPORTED_EXTENSIONS, type DocumentType } from "./formats/index.js";
import type { DocumentRecord, Manifest } from "./manifest.js";
import { InvalidInputError } from "../errors.js";

/** The longest document name accepted, in characters. */
export const MAX_NAME_CHARS = 160;

/**
 * The name a document is stored under, or an InvalidInputError saying what is wrong with it. Only a plain
 * file name inside the corpus folder is accepted: no folders, no "..", no hidden or control characters,
 * and one of the supported extensions. Spaces and most punctuation are kept so names stay recognisable.
 */
export function documentName(raw: string): string {
  const name = raw.normalize("NFC").trim();
  if (!name) throw new InvalidInputError("the document needs a file name, such as report.pdf");
  if (name.length > MAX_NAME_CHARS) throw new InvalidInputError(`the file name is over ${MAX_NAME_CHARS} characters`);
  if (/[/\\]/.test(name) || name === "." || name === "..") throw new InvalidInputError("the file name must not contain a folder: send a plain name such as report.pdf");
  // Control characters and the characters Windows forbids: a name that travels badly is refused, not rewritten.
  if (/[\p{Cc}\p{Cf}<>:"|?*]/u.test(name)) throw new InvalidInputError("the file name holds characters that are not allowed (control characters or < > : \" | ? *)");
  if (name.startsWith(".")) throw new InvalidInputError("the file name must not start with a dot");
  if (!isSupportedName(name)) throw new InvalidInputError(`the file type is not supported: use one of ${SUPPORTED_EXTENSIONS.join(", ")}`, "unsupported_type");
  return name;
}

/** A document added to the corpus folder. */
export interface AddedDocument {
  name: string;
  type: DocumentType;
  bytes: number;
  /** False when it replaced a document of the same name. */
  created: boolean;
}

/**
 * Checks that the bytes read as a document, then writes them into the corpus folder atomically (a reader
 * sees the old file or the new, never a part). A file that cannot be read is refused with the reason,
 * as an InvalidInputError with code "unreadable_document", and nothing is written.
 */
export async function addDocument(corpusDir: string, rawName: string, bytes: Uint8Array, maxBytes = DEFAULT_MAX_DOCUMENT_BYTES): Promise<AddedDocument> {
  const name = documentName(rawName);
  if (bytes.byteLength > maxBytes) {
    throw new InvalidInputError(`the document is ${bytes.byteLength} bytes, over the limit of ${maxBytes} (MAX_DOCUMENT_BYTES)`, "document_too_large");
  }
  let type: DocumentType;
  try {
    type = (await loadDocument(name, bytes, { maxBytes })).type;
  } catch (error) {
    if (error instanceof DocumentSkipError) throw new InvalidInputError(`${name} cannot be read: ${error.message}`, "unreadable_document");
    throw error;
  }
  const path = join(corpusDir, name);
  const existed = await stat(path).then(() => true, () => false);
  await writeFileAtomic(path, bytes);
  return { name, type, bytes: bytes.byteLength, created: !existed };
}

/** Removes a document from the corpus folder; false when there was none by that name. */
export async function removeDocument(corpusDir: string, rawName: string): Promise<boolean> {
  const name = documentName(rawName);
  const path = join(corpusDir, name);
  const exists = await stat(path).then((info) => info.isFile(), () => false);
  if (!exists) return false;
  await rm(path);
  return true;
}

/** A document as the documents API lists it: what the live index made of it, or that it waits for a re-index. */
export interface DocumentListing extends Omit<DocumentRecord, "status" | "sha256"> {
  status: DocumentRecord["status"] | "pending";
}

/**
 * Every document in the corpus folder now, with what the live index made of it. A file added or changed
 * since the index was built is "pending"; a file removed since is no longer listed.
 */
export async function listDocuments(corpusDir: string, manifest: Manifest | undefined, maxBytes = DEFAULT_MAX_DOCUMENT_BYTES): Promise<DocumentListing[]> {
  const indexed = new Map((manifest?.documents ?? []).map((record) => [record.name, record]));
  const entries: CorpusEntry[] = await scanCorpus(corpusDir, maxBytes);
  return entries.map((entry) => {
    const record = indexed.get(entry.name);
    if (record && record.sha256 === entry.sha256) {
      const { sha256: _sha, ...rest } = record;
      return rest;
    }
    return { name: entry.name, bytes: entry.bytes, modified: entry.modified, status: "pending", passages: 0, dated: 0 };
  });
}
