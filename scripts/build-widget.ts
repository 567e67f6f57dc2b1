/**
 * npm run build:widget: bundles widget/src into dist/widget/ (widget.js and page.js).
 * `--if-needed` builds only when a bundle is missing or older than its sources (pretest, prestart).
 */
import { buildWidget, DEFAULT_BUNDLE_DIR, WIDGET_GZIP_BUDGET, widgetBuildNeeded } from "../src/web/build-widget.js";

const ifNeeded = process.argv.includes("--if-needed");
if (ifNeeded && !(await widgetBuildNeeded())) {
  process.exit(0);
}
const files = await buildWidget();
for (const file of files) {
  console.log(`build-widget: ${DEFAULT_BUNDLE_DIR}/${file.name} ${(file.bytes / 1024).toFixed(1)} KiB, ${(file.gzipBytes / 1024).toFixed(1)} KiB gzipped`);
}
const widget = files.find((file) => file.name === "widget.js");
if (widget && widget.gzipBytes > WIDGET_GZIP_BUDGET) {
  console.error(`build-widget: widget.js is ${widget.gzipBytes} bytes gzipped, over the ${WIDGET_GZIP_BUDGET}-byte budget`);
  process.exit(1);
}
