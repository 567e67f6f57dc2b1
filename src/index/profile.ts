import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { sha256 } from "./corpus.js";

/** The file in the corpus folder that says what the corpus is about. Optional. */
export const PROFILE_FILE = "chronicle.json";

/**
 * What is true of one corpus and of no other: how to present it, and words its readers use for the
 * documents' own words. The engine knows only general English; everything about a subject lives here.
 */
export const ProfileSchema = z.object({
  /** Shown as the page's title and the widget's heading. */
  title: z.string().trim().min(1).max(120).optional(),
  /** One or two sentences on what the documents cover. */
  description: z.string().trim().max(600).optional(),
  /** Questions offered to a new user. */
  sampleQuestions: z.array(z.string().trim().min(1).max(300)).max(12).default([]),
  /**
   * Words people ask with, mapped to the word the documents use ("crew": "sailors"). Applied to
   * questions only, before retrieval, so the index needs no rebuild when they change.
   */
  synonyms: z.record(z.string().trim().min(1).max(60), z.string().trim().min(1).max(60)).default({}),
}).strict();

export type CorpusProfile = z.infer<typeof ProfileSchema>;

/** The profile and its hash (recorded in the manifest), or an empty profile when the file is absent. */
export async function loadProfile(corpusDir: string): Promise<{ profile: CorpusProfile; sha256?: string }> {
  const path = join(corpusDir, PROFILE_FILE);
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw new ConfigError("CORPUS_DIR", `cannot read ${path}: ${error.code ?? error.message}`);
  });
  if (!bytes) return { profile: ProfileSchema.parse({}) };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new ConfigError("CORPUS_DIR", `${path} is not valid JSON`);
  }
  const parsed = ProfileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError("CORPUS_DIR", `${path}: ${issue.path.join(".") || "profile"}: ${issue.message}`);
  }
  return { profile: parsed.data, sha256: sha256(bytes) };
}
