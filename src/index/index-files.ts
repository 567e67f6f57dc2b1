import { randomBytes } from "node:crypto";
import { cp, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { Bm25Store } from "./bm25-store.js";
import type { Chunk } from "./chunk.js";
import { sha256 } from "./corpus.js";
import type { Embedder } from "./embedder.js";
import { HnswStore } from "./hnsw-store.js";
import type { Manifest } from "./manifest.js";
import { writeFileAtomic } from "./atomic-write.js";
import { IndexCorruptError } from "../errors.js";

/** A built index in memory: chunks with both search structures. */
export interface LoadedIndex {
  manifest: Manifest;
  chunks: Chunk[];
  byId: Map<string, Chunk>;
  bm25: Bm25Store;
  hnsw: HnswStore;
}

// Each build goes into a fresh folder; CURRENT names the live one and is replaced atomically,
// so a crash at any moment leaves either the old index or the new one, never a mix.
const CURRENT = "CURRENT";
const HNSW_FILES = ["hnsw/hnswlib.index", "hnsw/docstore.json", "hnsw/args.json"];

export function indexFromParts(manifest: Manifest, chunks: Chunk[], bm25: Bm25Store, hnsw: HnswStore): LoadedIndex {
  return { manifest, chunks, byId: new Map(chunks.map((chunk) => [chunk.id, chunk])), bm25, hnsw };
}

/** The live index's manifest, or undefined when none was ever saved. */
export async function readCurrentManifest(dataDir: string): Promise<{ dir: string; manifest: Manifest } | undefined> {
  const generation = (await readFile(join(dataDir, CURRENT), "utf8").catch(() => "")).trim();
  if (!generation) return undefined;
  const dir = join(dataDir, generation);
  try {
    return { dir, manifest: JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as Manifest };
  } catch (error) {
    throw new IndexCorruptError(`manifest of ${generation} cannot be read`, { cause: error });
  }
}

/**
 * Copies the live index of `fromDir` into `toDir` and makes it the live one there; nothing else of
 * `fromDir` (its answer log, its embedding cache) comes along. False when `fromDir` has no index.
 */
export async function copyLiveIndex(fromDir: string, toDir: string): Promise<boolean> {
  const current = await readCurrentManifest(fromDir);
  if (!current) return false;
  const generation = basename(current.dir);
  await cp(current.dir, join(toDir, generation), { recursive: true });
  await writeFileAtomic(join(toDir, CURRENT), generation);
  return true;
}

/** Loads a saved index after checking every file against the manifest's checksums. */
export async function loadIndex(dir: string, manifest: Manifest, embedder: Embedder): Promise<LoadedIndex> {
  for (const [file, expected] of Object.entries(manifest.files)) {
    const actual = await readFile(join(dir, file)).then(sha256, () => "missing");
    if (actual !== expected) throw new IndexCorruptError(`${file} is ${actual === "missing" ? "missing" : "corrupt (checksum mismatch)"}`);
  }
  try {
    const chunks = JSON.parse(await readFile(join(dir, "chunks.json"), "utf8")) as Chunk[];
    const bm25 = Bm25Store.fromJSON(await readFile(join(dir, "bm25.json"), "utf8"));
    const hnsw = await HnswStore.load(join(dir, "hnsw"), embedder);
    return indexFromParts(manifest, chunks, bm25, hnsw);
  } catch (error) {
    throw new IndexCorruptError(`index files cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

/** Writes a complete index into a new folder, then makes it the live one and removes older folders. */
export async function saveIndex(dataDir: string, index: Omit<LoadedIndex, "byId">): Promise<void> {
  const generation = `index-${Date.now()}-${randomBytes(3).toString("hex")}`;
  const dir = join(dataDir, generation);
  await mkdir(join(dir, "hnsw"), { recursive: true });
  await writeFileAtomic(join(dir, "chunks.json"), JSON.stringify(index.chunks));
  await writeFileAtomic(join(dir, "bm25.json"), index.bm25.toJSON());
  await index.hnsw.save(join(dir, "hnsw"));
  const files: Record<string, string> = {};
  for (const file of ["chunks.json", "bm25.json", ...HNSW_FILES]) files[file] = sha256(await readFile(join(dir, file)));
  await writeFileAtomic(join(dir, "manifest.json"), JSON.stringify({ ...index.manifest, files }, null, 2));
  await writeFileAtomic(join(dataDir, CURRENT), generation);
  for (const name of await readdir(dataDir)) {
    if (name.startsWith("index-") && name !== generation) await rm(join(dataDir, name), { recursive: true, force: true });
  }
}
