import { describe, it, expect } from "vitest";
import JSZip from "jszip";
import { readZipDirectory, zipBombReason, type ZipEntry, type ZipLimits } from "./zip-guard.js";

const MB = 1024 * 1024;
const LIMITS: ZipLimits = { maxTotalBytes: 200 * MB, maxEntries: 100, largeEntryBytes: 16 * MB, maxRatio: 100 };

function entry(name: string, compressedSize: number, uncompressedSize: number): ZipEntry {
  return { name, method: 8, flags: 0, compressedSize, uncompressedSize, localHeaderOffset: 0 };
}

describe("readZipDirectory", () => {
  it("lists the entries with their declared sizes without inflating them", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", "<w:document>" + "text ".repeat(1000) + "</w:document>", { createFolders: false });
    zip.file("docProps/app.xml", "<a/>", { createFolders: false });
    const entries = readZipDirectory(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    expect(entries.map((e) => [e.name, e.uncompressedSize])).toEqual([
      ["word/document.xml", 5025],
      ["docProps/app.xml", 4],
    ]);
    expect(entries[0].compressedSize).toBeLessThan(200);
  });

  it("refuses bytes with no central directory", () => {
    expect(() => readZipDirectory(new TextEncoder().encode("PK\u0003\u0004 not really"))).toThrow(/no end of central directory/);
  });
});

describe("zipBombReason", () => {
  it("accepts a document's usual entries", () => {
    expect(zipBombReason([entry("word/document.xml", 400_000, 4 * MB), entry("word/media/image1.png", 2 * MB, 2 * MB)], LIMITS)).toBeUndefined();
  });

  it("refuses more declared bytes than the limit, a large entry expanding over 100 times, and too many entries", () => {
    expect(zipBombReason([entry("a.xml", 50 * MB, 150 * MB), entry("b.xml", 50 * MB, 60 * MB)], LIMITS)).toMatch(/expands to 210\.0 MB, over the limit of 200\.0 MB/);
    expect(zipBombReason([entry("word/document.xml", 100_000, 50 * MB)], LIMITS)).toMatch(/word\/document\.xml expands 524 times/);
    expect(zipBombReason(Array.from({ length: 101 }, (_, i) => entry(`${i}.xml`, 10, 10)), LIMITS)).toMatch(/lists 101 files/);
  });
});
