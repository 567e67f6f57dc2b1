import { mkdtemp, readdir, readFile, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWidget, PROJECT_ROOT, WIDGET_GZIP_BUDGET, widgetBuildNeeded } from "./build-widget.js";

describe("buildWidget", () => {
  let outdir: string;
  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), "chronicle-widget-"));
    await buildWidget({ outdir });
  });
  afterAll(() => rm(outdir, { recursive: true, force: true }));

  it(`keeps widget.js under ${WIDGET_GZIP_BUDGET / 1024} KB gzipped`, async () => {
    const bundle = await readFile(join(outdir, "widget.js"));
    const gzipped = gzipSync(bundle, { level: 9 }).byteLength;
    expect(gzipped, `widget.js is ${gzipped} bytes gzipped`).toBeLessThan(WIDGET_GZIP_BUDGET);
  });

  it("writes self-contained scripts: no imports left, no innerHTML anywhere", async () => {
    for (const name of ["widget.js", "page.js"]) {
      const code = await readFile(join(outdir, name), "utf8");
      expect(code).not.toMatch(/\bimport\s*[({"']|\brequire\(/);
      expect(code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });

  it("keeps innerHTML and friends out of the widget's sources too", async () => {
    const dir = join(PROJECT_ROOT, "widget", "src");
    for (const file of await readdir(dir)) {
      if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
      expect(await readFile(join(dir, file), "utf8"), file).not.toMatch(/\.innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });

  it("says a build is needed when a bundle is missing or older than a source", async () => {
    expect(await widgetBuildNeeded(outdir)).toBe(false);
    await utimes(join(outdir, "page.js"), new Date(0), new Date(0));
    expect(await widgetBuildNeeded(outdir)).toBe(true);
    expect(await widgetBuildNeeded(join(outdir, "nowhere"))).toBe(true);
  });
});
