import { DocumentSkipError } from "./document-skip-error.js";

/** How to decode one file's bytes. */
export interface DecodeOptions {
  /**
   * The charset a document names for itself (an HTML `<meta charset>`), read from its first bytes as
   * Latin-1. Used only when the bytes are not valid UTF-8.
   */
  declaredCharset?: (head: string) => string | undefined;
}

// Enough of the start of a file to tell text from binary, as file(1) and git do.
const SNIFF_BYTES = 8192;
// Text has tabs and newlines but almost no other control characters; a binary format has many.
const MAX_CONTROL_SHARE = 0.1;

/**
 * A text file's bytes as a string with "\n" line ends. A UTF-16 byte-order mark (LE or BE) decides the
 * encoding; otherwise, after any UTF-8 mark, bytes that are not valid UTF-8 are read as the charset
 * the document declares or else as windows-1252 (the superset of Latin-1 that Windows editors write).
 * Marks are removed. Binary content is refused rather than decoded into noise.
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): string {
  const bom = byteOrderMark(bytes);
  let text: string;
  if (bom?.encoding === "utf-16le" || bom?.encoding === "utf-16be") {
    text = new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length));
    refuseBinary(text, bom.encoding);
  } else {
    // A UTF-8 mark is trusted only as far as the bytes bear it out: editors have been known to add one to Latin-1.
    const content = bom ? bytes.subarray(bom.length) : bytes;
    refuseBinary(content);
    text = decodeWithoutBom(content, options);
  }
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

function byteOrderMark(bytes: Uint8Array): { encoding: "utf-8" | "utf-16le" | "utf-16be"; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

function decodeWithoutBom(bytes: Uint8Array, options: DecodeOptions): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: a legacy single-byte encoding, most likely.
  }
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString("latin1");
  const declared = options.declaredCharset?.(head);
  if (declared) {
    try {
      const decoder = new TextDecoder(declared);
      // A page that claims UTF-8 or UTF-16 but is not: fall back below rather than fill it with U+FFFD.
      // Latin-1 labels mean windows-1252 (as in browsers), decoded below.
      if (!decoder.encoding.startsWith("utf-") && decoder.encoding !== "windows-1252") return decoder.decode(bytes);
    } catch {
      // An unknown charset name: fall back below.
    }
  }
  return decodeWindows1252(bytes);
}

// What windows-1252 puts at 0x80-0x9F, where Latin-1 has control characters (0 where it has nothing).
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * windows-1252 by hand: Node 20's TextDecoder takes the label but decodes as ISO-8859-1, turning the
 * euro sign and curly quotes Windows editors write into control characters.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return latin1.replace(/[\x80-\x9f]/g, (char) => String.fromCharCode(WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80] || char.charCodeAt(0)));
}

/** Throws "binary" when the start of the content has NUL or many other control characters. */
function refuseBinary(content: Uint8Array | string, encoding?: string): void {
  const length = Math.min(content.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < length; i++) {
    const code = typeof content === "string" ? content.charCodeAt(i) : content[i];
    if (code === 0) {
      const hint = encoding ? "" : " (if it is UTF-16 text, save it as UTF-8 or with a byte-order mark)";
      throw new DocumentSkipError("binary", `the file is binary, not text: it contains NUL bytes${hint}`);
    }
    // Tab, line feed, form feed and carriage return are text; the rest of C0 and DEL are not.
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f) controls++;
  }
  if (length && controls / length > MAX_CONTROL_SHARE) {
    throw new DocumentSkipError("binary", `the file is binary, not text: ${Math.round((100 * controls) / length)}% of its first bytes are control characters`);
  }
}
