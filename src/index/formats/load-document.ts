import { extname } from "node:path";
import { formatBytes } from "./byte-size.js";
import { decodeText } from "./decode-text.js";
import { DocumentSkipError } from "./document-skip-error.js";
import type { LoadedDocument } from "./loaded-document.js";
import { convertOnReaderThread } from "./reader-thread.js";
import { sniffType } from "./sniff-type.js";

/** The file names read, by extension (lowercase); the content then decides how each is read. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze([".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt"]);

/** Largest document read unless the caller says otherwise: 50 MB. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** How to load one document. */
export interface LoadOptions {
  /** Largest file read, in bytes; default 50 MB. A .docx may expand to 20 times this, at most 200 MB. */
  maxBytes?: number;
  /**
   * Longest a conversion may go without progress before it is stopped and the file skipped as corrupt
   * (a PDF progresses page by page). Default: 5 s plus 250 ms per MB of file.
   */
  timeoutMs?: number;
}

const BASE_TIMEOUT_MS = 5_000;
const TIMEOUT_MS_PER_MB = 250;

/** Whether a file of this name is a document the corpus reads (by its extension). */
export function isSupportedName(name: string): boolean {
  return SUPPORTED_EXTENSIONS.includes(extname(name).toLowerCase());
}

/**
 * One file's bytes as normalised text (see LoadedDocument), or a DocumentSkipError saying why not:
 * too large, empty, binary, corrupt, encrypted, a PDF without a text layer, a zip bomb, or an
 * unsupported name. Nothing else is thrown for bad input. Plain text is decoded here; every other
 * format is converted on a worker thread that is stopped if the conversion runs away.
 */
export async function loadDocument(name: string, bytes: Uint8Array, options: LoadOptions = {}): Promise<LoadedDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const extension = extname(name).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(extension)) {
    const what = extension ? `files ending in ${extension} are not read` : "files without an extension are not read";
    throw new DocumentSkipError("unsupported", `${what}; convert it to one of ${SUPPORTED_EXTENSIONS.join(", ")}`);
  }
  if (bytes.length > maxBytes) {
    throw new DocumentSkipError("too-large", `the file is ${formatBytes(bytes.length)}, over the limit of ${formatBytes(maxBytes)} (MAX_DOCUMENT_BYTES); split it or raise the limit`);
  }
  if (bytes.length === 0) throw new DocumentSkipError("empty", "the file is empty (0 bytes)");
  const type = sniffType(extension, bytes);
  if (type === "text") {
    // Decoding is linear and cheap: no need for the reader thread.
    const text = decodeText(bytes);
    if (!/\S/.test(text)) throw new DocumentSkipError("empty", "the text file has no text (it is empty or only whitespace)");
    return { type, text };
  }
  const timeoutMs = options.timeoutMs ?? Math.round(BASE_TIMEOUT_MS + (TIMEOUT_MS_PER_MB * bytes.length) / 2 ** 20);
  return convertOnReaderThread({ type, bytes, maxBytes, timeoutMs });
}
