import { DocumentSkipError } from "./document-skip-error.js";
import type { DocumentType } from "./loaded-document.js";
import { readZipDirectory } from "./zip-guard.js";

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
// pdf.js, like Acrobat, finds the header anywhere in the first kilobyte of a file named .pdf.
const PDF_HEADER_WINDOW = 1024;
const ZIP_HEADERS = [
  [0x50, 0x4b, 0x03, 0x04], // a local file header: any zip with files
  [0x50, 0x4b, 0x05, 0x06], // an end of central directory first: an empty zip
];
// OLE compound files: legacy .doc, and Office documents encrypted with a password (even .docx).
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTED_PACKAGE = new Uint8Array(Buffer.from("EncryptedPackage", "utf16le"));

/**
 * How to read a file, decided by its content before its name: a PDF header means PDF and a zip holding
 * word/document.xml means .docx, whatever the file is called; otherwise the extension decides. A file
 * whose content contradicts a binary extension (a .pdf without a PDF header) is refused as corrupt,
 * and binary containers under a text name as binary.
 */
export function sniffType(extension: string, bytes: Uint8Array): DocumentType {
  if (extension === ".pdf" ? indexOf(bytes.subarray(0, PDF_HEADER_WINDOW), PDF_HEADER) >= 0 : startsWith(skipLeadingSpace(bytes), PDF_HEADER)) return "pdf";
  if (ZIP_HEADERS.some((header) => startsWith(bytes, header))) {
    if (extension === ".docx" || hasWordDocument(bytes)) return "docx";
    throw new DocumentSkipError("binary", `the file is a zip archive, not ${article(extension)} file; unzip it, or give it its real extension`);
  }
  if (startsWith(bytes, COMPOUND_FILE)) {
    if (extension !== ".docx") throw new DocumentSkipError("binary", `the file is an Office binary file, not ${article(extension)} file; save it as .docx or give it its real extension`);
    if (indexOf(bytes, ENCRYPTED_PACKAGE) >= 0) {
      throw new DocumentSkipError("encrypted", "the Word document is encrypted (password protected); remove the password or save an unprotected copy");
    }
    throw new DocumentSkipError("unsupported", "the file is an old-format Word document (.doc) renamed .docx; open it in Word and save it as .docx");
  }
  switch (extension) {
    case ".pdf":
      throw new DocumentSkipError("corrupt", "the file is named .pdf but is not a PDF (it has no %PDF- header); export it again as PDF");
    case ".docx":
      throw new DocumentSkipError("corrupt", "the file is named .docx but is not a Word document (it is not a zip archive); save it again as .docx");
    case ".html":
    case ".htm":
      return "html";
    case ".md":
    case ".markdown":
      return "markdown";
    default:
      return "text";
  }
}

function article(extension: string): string {
  return extension ? `a ${extension}` : "a text";
}

function hasWordDocument(bytes: Uint8Array): boolean {
  try {
    return readZipDirectory(bytes, 10_000).some((entry) => entry.name === "word/document.xml");
  } catch {
    return false;
  }
}

/** Past a UTF-8 byte-order mark and leading whitespace, so " %PDF-" still counts as starting with it. */
function skipLeadingSpace(bytes: Uint8Array): Uint8Array {
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (at < bytes.length && at < 64 && (bytes[at] === 0x20 || (bytes[at] >= 0x09 && bytes[at] <= 0x0d))) at++;
  return bytes.subarray(at);
}

function startsWith(bytes: Uint8Array, prefix: ArrayLike<number>): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function indexOf(bytes: Uint8Array, needle: ArrayLike<number>): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(Buffer.from(needle as Uint8Array));
}
