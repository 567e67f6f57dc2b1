import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { sha256 } from "./corpus.js";

/**
 * Vectors already computed, by embedder and text: a rebuild embeds only passages that are new or changed.
 * Kept in SQLite beside the index (DATA_DIR/embeddings.sqlite), so it outlives any one index build.
 */
export interface EmbeddingCache {
  /** The cached vector of each text that has one. */
  lookup(texts: string[]): Map<string, number[]>;
  store(texts: string[], vectors: number[][]): void;
  /** Forgets this embedder's vectors of texts not in `keep`, so the cache stays the size of the corpus. */
  retainOnly(keep: string[]): void;
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS embeddings (
  embedder TEXT NOT NULL,
  text_sha256 TEXT NOT NULL,
  vector BLOB NOT NULL,
  PRIMARY KEY (embedder, text_sha256)
) WITHOUT ROWID;
`;

// SQLite limits the number of bound parameters in one statement; lookups go in slices this size.
const SLICE = 500;

export function openEmbeddingCache(path: string, embedderId: string): EmbeddingCache {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);
  const insert = db.prepare("INSERT OR REPLACE INTO embeddings (embedder, text_sha256, vector) VALUES (?, ?, ?)");
  const storeAll = db.transaction((rows: Array<[string, Buffer]>) => {
    for (const [hash, blob] of rows) insert.run(embedderId, hash, blob);
  });

  return {
    lookup(texts) {
      const found = new Map<string, number[]>();
      const byHash = new Map<string, string[]>();
      for (const text of texts) {
        const hash = sha256(text);
        byHash.set(hash, [...(byHash.get(hash) ?? []), text]);
      }
      const hashes = [...byHash.keys()];
      for (let i = 0; i < hashes.length; i += SLICE) {
        const slice = hashes.slice(i, i + SLICE);
        const rows = db
          .prepare(`SELECT text_sha256 AS hash, vector FROM embeddings WHERE embedder = ? AND text_sha256 IN (${slice.map(() => "?").join(",")})`)
          .all(embedderId, ...slice) as Array<{ hash: string; vector: Buffer }>;
        for (const row of rows) {
          const vector = Array.from(new Float32Array(row.vector.buffer, row.vector.byteOffset, row.vector.byteLength / 4));
          for (const text of byHash.get(row.hash) ?? []) found.set(text, vector);
        }
      }
      return found;
    },
    store(texts, vectors) {
      storeAll(texts.map((text, i) => [sha256(text), Buffer.from(new Float32Array(vectors[i]).buffer)]));
    },
    retainOnly(keep) {
      const wanted = new Set(keep.map((text) => sha256(text)));
      const stored = db.prepare("SELECT text_sha256 AS hash FROM embeddings WHERE embedder = ?").all(embedderId) as Array<{ hash: string }>;
      const remove = db.prepare("DELETE FROM embeddings WHERE embedder = ? AND text_sha256 = ?");
      db.transaction(() => {
        for (const { hash } of stored) if (!wanted.has(hash)) remove.run(embedderId, hash);
      })();
    },
    close: () => db.close(),
  };
}
