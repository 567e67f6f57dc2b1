import { mkdir, stat, readdir } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { writeFileAtomic } from "../index/atomic-write.js";

/** The project's root folder: this file sits in src/web/. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Where the browser bundles are written by default; git-ignored. */
export const DEFAULT_BUNDLE_DIR = join(PROJECT_ROOT, "dist", "widget");
const SOURCE_DIR = join(PROJECT_ROOT, "widget", "src");

/** The bundles: the embeddable widget and the Chronicle page's script. */
export const BUNDLES = { widget: "widget.js", page: "page.js" } as const;
export type BundleName = keyof typeof BUNDLES;

/** widget.js gzipped must stay under this, so embedding it costs a host page little. */
export const WIDGET_GZIP_BUDGET = 30 * 1024;

export interface BuildWidgetOptions {
  /** Output folder; defaults to dist/widget at the project root. */
  outdir?: string;
  /** Minify (the default); off gives readable output for debugging. */
  minify?: boolean;
}

export interface BuiltFile {
  name: string;
  path: string;
  bytes: number;
  gzipBytes: number;
}

/** Bundles widget/src with esbuild into self-contained scripts, each written atomically. */
export async function buildWidget(options: BuildWidgetOptions = {}): Promise<BuiltFile[]> {
  const outdir = resolve(options.outdir ?? DEFAULT_BUNDLE_DIR);
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(BUNDLES).map(([name]) => [name, join(SOURCE_DIR, `${name}.ts`)])),
    outdir,
    bundle: true,
    format: "iife",
    target: ["es2020", "chrome100", "firefox100", "safari15"],
    minify: options.minify ?? true,
    legalComments: "none",
    charset: "utf8",
    write: false,
    logLevel: "silent",
  });
  await mkdir(outdir, { recursive: true });
  const files: BuiltFile[] = [];
  for (const output of result.outputFiles) {
    // Readers (the server) see the old bundle or the new one, never half of one.
    await writeFileAtomic(output.path, output.contents);
    files.push({ name: relative(outdir, output.path), path: output.path, bytes: output.contents.byteLength, gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength });
  }
  return files;
}

/** Whether the bundles are missing, or older than any widget source file. */
export async function widgetBuildNeeded(outdir = DEFAULT_BUNDLE_DIR): Promise<boolean> {
  let built = Infinity;
  for (const file of Object.values(BUNDLES)) {
    try {
      built = Math.min(built, (await stat(join(outdir, file))).mtimeMs);
    } catch {
      return true;
    }
  }
  for (const entry of await readdir(SOURCE_DIR, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && (await stat(join(entry.parentPath, entry.name))).mtimeMs > built) return true;
  }
  return false;
}
