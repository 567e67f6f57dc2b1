import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

// Wording changes applied in turn to each copy, so copies are not byte-identical twins.
const VARIANTS: Array<[RegExp, string]> = [
  [/\bmeet\b/g, "hold talks"], [/\bvisits\b/g, "travels to"], [/\bconduct\b/g, "carry out"],
  [/\bjoint\b/g, "combined"], [/\bexercise\b/g, "drill"], [/\bdiscuss\b/g, "review"],
  [/\bsigns?\b/g, "concludes"], [/\bholds\b/g, "convenes"],
];

/**
 * Writes a corpus `factor` times the size of `source`: copy k shifts every year by k and varies its
 * wording, so the copies are distinct documents with dates of their own. Deterministic.
 */
export async function writeScaledCorpus(source: string, dir: string, factor: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const text = await readFile(source, "utf8");
  for (let k = 0; k < factor; k++) {
    let copy = text.replace(/\b(19|20)(\d{2})\b/g, (year) => String(Number(year) + k));
    for (let v = 0; v < VARIANTS.length; v++) if ((k >> v) & 1) copy = copy.replace(VARIANTS[v][0], VARIANTS[v][1]);
    await writeFile(join(dir, `copy-${String(k).padStart(3, "0")}.txt`), copy);
  }
}
