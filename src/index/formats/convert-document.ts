import { decodeText } from "./decode-text.js";
import { DocumentSkipError } from "./document-skip-error.js";
import { readDocx } from "./docx.js";
import { readHtml } from "./html.js";
import type { DocumentType, LoadedDocument } from "./loaded-document.js";
import { readMarkdown } from "./markdown.js";
import { readPdf } from "./pdf.js";

/** How to convert one document. */
export interface ConvertOptions {
  /** The size limit for the file, which also bounds what a .docx may expand to. */
  maxBytes: number;
  /** Called as work progresses (after each PDF page). */
  onProgress?: () => void;
}

const LABEL: Record<DocumentType, string> = { pdf: "PDF", docx: "Word document", html: "HTML page", markdown: "Markdown file", text: "text file" };

/**
 * Converts a document already known (by its content) to be of `type` into text. Every failure,
 * whatever the library raised, comes out as a DocumentSkipError; so does a document with no text.
 */
export async function convertDocument(type: DocumentType, bytes: Uint8Array, options: ConvertOptions): Promise<LoadedDocument> {
  let loaded: LoadedDocument;
  try {
    loaded = await convert(type, bytes, options);
  } catch (error) {
    throw asSkip(error, type);
  }
  if (!/\S/.test(loaded.text)) {
    throw new DocumentSkipError("empty", `the ${LABEL[loaded.type]} has no text (it is empty or only whitespace)`);
  }
  return loaded;
}

async function convert(type: DocumentType, bytes: Uint8Array, { maxBytes, onProgress }: ConvertOptions): Promise<LoadedDocument> {
  switch (type) {
    case "pdf":
      return { type, ...(await readPdf(bytes, onProgress)) };
    case "docx":
      return { type, text: await readDocx(bytes, maxBytes) };
    case "html":
      return readHtml(bytes);
    case "markdown":
      return { type, text: readMarkdown(bytes) };
    case "text":
      return { type, text: decodeText(bytes) };
  }
}

function asSkip(error: unknown, type: DocumentType): DocumentSkipError {
  if (error instanceof DocumentSkipError) return error;
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new DocumentSkipError("corrupt", `the ${LABEL[type]} nests its contents too deeply to be read`, { cause: error });
  }
  const detail = (error instanceof Error ? error.message : String(error)).split("\n")[0].slice(0, 200);
  return new DocumentSkipError("corrupt", `the ${LABEL[type]} is damaged and cannot be read (${detail}); save it again from its editor`, { cause: error });
}
