import { inflateRawSync } from "node:zlib";
import { formatBytes } from "./byte-size.js";
import { DocumentSkipError } from "./document-skip-error.js";

/** One file of a zip archive, as its central directory declares it. */
export interface ZipEntry {
  name: string;
  /** 0: stored, 8: deflated. */
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** What a zip may expand to before it is refused as a zip bomb. */
export interface ZipLimits {
  /** Most bytes all entries together may declare, uncompressed. */
  maxTotalBytes: number;
  /** Most entries. */
  maxEntries: number;
  /** Entries larger than `largeEntryBytes` may not expand more than `maxRatio` times. */
  largeEntryBytes: number;
  maxRatio: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
// The end record sits within its own 22 bytes plus a comment of at most 65,535 bytes of the end.
const MAX_END_SEARCH = 22 + 0xffff;

function corrupt(detail: string): DocumentSkipError {
  return new DocumentSkipError("corrupt", `the file is not a readable zip archive (${detail}); save it again from its editor`);
}

/**
 * The entries a zip's central directory lists, read straight from the bytes: nothing is decompressed,
 * so this is cheap whatever the archive claims to hold. Zip64 sizes are understood.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries = Infinity): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - MAX_END_SEARCH); at--) {
    if (u32(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw corrupt("no end of central directory");
  let count = u16(end + 10);
  let directorySize = u32(end + 12);
  let directoryOffset = u32(end + 16);
  if ((count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) && end >= 20 && u32(end - 20) === ZIP64_END_LOCATOR) {
    const zip64End = u64(end - 12);
    if (zip64End + 56 > bytes.length || u32(zip64End) !== ZIP64_END) throw corrupt("bad zip64 end record");
    count = u64(zip64End + 32);
    directorySize = u64(zip64End + 40);
    directoryOffset = u64(zip64End + 48);
  }
  if (directoryOffset + directorySize > bytes.length) throw corrupt("the central directory lies past the end of the file");
  if (count > maxEntries) {
    throw new DocumentSkipError("zip-bomb", `the archive lists ${count} files, over the limit of ${maxEntries}; it looks built to exhaust readers (a zip bomb)`);
  }
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== CENTRAL_ENTRY) throw corrupt(`entry ${i + 1} of the central directory is damaged`);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    if (at + 46 + nameLength + extraLength > bytes.length) throw corrupt(`entry ${i + 1} of the central directory is cut off`);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: u16(at + 10),
      flags: u16(at + 8),
      compressedSize: u32(at + 20),
      uncompressedSize: u32(at + 24),
      localHeaderOffset: u32(at + 42),
    };
    readZip64Sizes(view, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes too big for 32 bits are 0xFFFFFFFF in the entry and given in full in its zip64 extra field. */
function readZip64Sizes(view: DataView, extraStart: number, extraLength: number, entry: ZipEntry): void {
  if (entry.uncompressedSize !== 0xffffffff && entry.compressedSize !== 0xffffffff && entry.localHeaderOffset !== 0xffffffff) return;
  for (let at = extraStart; at + 4 <= extraStart + extraLength; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        const value = field + 8 <= at + 4 + size ? Number(view.getBigUint64(field, true)) : Number.NaN;
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/**
 * Why these entries are a zip bomb, or undefined: together they declare more than the limit, or one
 * large entry expands more than any real document does.
 */
export function zipBombReason(entries: ZipEntry[], limits: ZipLimits): string | undefined {
  if (entries.length > limits.maxEntries) return `the archive lists ${entries.length} files, over the limit of ${limits.maxEntries}`;
  let total = 0;
  for (const entry of entries) {
    if (!Number.isFinite(entry.uncompressedSize)) return `the entry ${entry.name} declares no readable size`;
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > limits.largeEntryBytes && ratio > limits.maxRatio) {
      return `the entry ${entry.name} expands ${Math.round(ratio)} times, to ${formatBytes(entry.uncompressedSize)} (the limit is ${limits.maxRatio} times for entries over ${formatBytes(limits.largeEntryBytes)})`;
    }
  }
  if (total > limits.maxTotalBytes) return `it expands to ${formatBytes(total)}, over the limit of ${formatBytes(limits.maxTotalBytes)}`;
  return undefined;
}

/**
 * Refuses a zip bomb before any library opens the archive: first by what the central directory
 * declares, then by inflating each entry in `verify` with its declared size as a hard ceiling, so an
 * archive that understates its sizes is caught too. Entries the reader will never open (images) are
 * not inflated here. Returns the entries.
 */
export function guardZip(bytes: Uint8Array, limits: ZipLimits, verify: (entry: ZipEntry) => boolean): ZipEntry[] {
  const entries = readZipDirectory(bytes, limits.maxEntries);
  const bomb = zipBombReason(entries, limits);
  if (bomb) throw new DocumentSkipError("zip-bomb", `${bomb}; it looks built to exhaust readers (a zip bomb)`);
  for (const entry of entries) {
    if (entry.flags & 0x1) throw new DocumentSkipError("encrypted", `the archive's entry ${entry.name} is encrypted; save an unprotected copy`);
    if (verify(entry)) inflatedSize(bytes, entry);
  }
  return entries;
}

/** Inflates one entry, no further than the size it declares. */
function inflatedSize(bytes: Uint8Array, entry: ZipEntry): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) throw corrupt(`the entry ${entry.name} has no local header`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw corrupt(`the entry ${entry.name} is cut off`);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.length;
  if (entry.method !== 8) throw corrupt(`the entry ${entry.name} uses compression method ${entry.method}`);
  const understated = () =>
    new DocumentSkipError("zip-bomb", `the entry ${entry.name} expands past the ${formatBytes(entry.uncompressedSize)} it declares; it looks built to exhaust readers (a zip bomb)`);
  let length: number;
  try {
    // One byte over the declared size is enough to prove the declaration false.
    length = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 }).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw understated();
    throw corrupt(`the entry ${entry.name} does not inflate: ${(error as Error).message}`);
  }
  if (length > entry.uncompressedSize) throw understated();
  return length;
}
