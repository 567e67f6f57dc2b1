import mammoth from "mammoth";
import { parseHTML } from "linkedom";
import { DocumentSkipError } from "./document-skip-error.js";
import { writeDom } from "./dom-to-text.js";
import { createTextWriter } from "./text-writer.js";
import { guardZip, type ZipLimits } from "./zip-guard.js";

const MAIN_PART = "word/document.xml";
// Absolute ceiling on what a .docx may expand to, whatever the size limit for the file itself.
const MAX_EXPANDED_BYTES = 200 * 1024 * 1024;
// Real documents have some hundreds of parts.
const MAX_ENTRIES = 10_000;
// Word's XML compresses about ten times; an entry of 16 MB or more expanding over a hundred times is not a document.
const LARGE_ENTRY_BYTES = 16 * 1024 * 1024;
const MAX_RATIO = 100;

/** What a .docx of at most `maxBytes` may expand to: 20 times its size limit, at most 200 MB. */
export function docxLimits(maxBytes: number): ZipLimits {
  return {
    maxTotalBytes: Math.min(20 * maxBytes, MAX_EXPANDED_BYTES),
    maxEntries: MAX_ENTRIES,
    largeEntryBytes: LARGE_ENTRY_BYTES,
    maxRatio: MAX_RATIO,
  };
}

/**
 * A Word document as text: headings with their levels (the Title style as a top heading), lists as
 * bullets, tables as one bullet per row naming its header cells. The zip is checked for bombs before
 * mammoth opens it; images are never decoded.
 */
export async function readDocx(bytes: Uint8Array, maxBytes: number): Promise<string> {
  // The XML parts are what mammoth will inflate; media are only read when converted, and they are not.
  const entries = guardZip(bytes, docxLimits(maxBytes), (entry) => /\.(xml|rels)$/i.test(entry.name));
  if (!entries.some((entry) => entry.name === MAIN_PART)) {
    throw new DocumentSkipError("corrupt", `the file is a zip archive but not a Word document (it has no ${MAIN_PART}); save it again as .docx`);
  }
  const { value: html } = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    {
      styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p:fresh"],
      // Pictures are not text: an empty image element keeps mammoth from reading and encoding them.
      convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
      ignoreEmptyParagraphs: true,
      externalFileAccess: false,
    },
  );
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  // Footnotes end with a "↑" link back to where they are cited: noise once the text is flat.
  for (const link of Array.from(document.querySelectorAll('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"]'))) link.remove();
  const writer = createTextWriter();
  writeDom(document.body, writer);
  return writer.text();
}
