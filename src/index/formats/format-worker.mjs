// Converts documents on a thread of its own, so one that takes too long (a decompression bomb, input
// that drives a parser quadratic) can be stopped by ending the thread; see reader-thread.ts.
// Plain JavaScript: worker threads do not inherit the TypeScript loader, so tsx compiles the converters.
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

// pdf.js logs a warning for every odd font or damaged object: noise for whoever runs an ingest, and
// what matters reaches the caller as a skip reason.
for (const method of ["log", "info", "warn", "error", "debug", "trace"]) console[method] = () => {};

const { convertDocument } = await tsImport("./convert-document.ts", import.meta.url);

parentPort.on("message", async ({ id, type, bytes, maxBytes }) => {
  try {
    const onProgress = () => parentPort.postMessage({ id, progress: true });
    const loaded = await convertDocument(type, new Uint8Array(bytes), { maxBytes, onProgress });
    parentPort.postMessage({ id, loaded });
  } catch (error) {
    parentPort.postMessage({ id, skip: { reason: error?.reason ?? "corrupt", message: error?.message ?? String(error) } });
  }
});
parentPort.postMessage({ ready: true });
