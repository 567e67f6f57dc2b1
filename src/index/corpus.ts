import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** One file of the corpus. */
export interface CorpusFile {
  name: string;
  text: string;
  sha256: string;
}

const INGESTED = /\.(txt|md)$/i;

/** Every .txt and .md file directly inside the corpus folder, in name order. */
export async function readCorpus(dir: string): Promise<CorpusFile[]> {
  const names = (await readdir(dir)).filter((name) => INGESTED.test(name)).sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(join(dir, name));
      return { name, text: bytes.toString("utf8"), sha256: sha256(bytes) };
    }),
  );
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
