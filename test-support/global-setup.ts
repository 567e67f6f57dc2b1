import { openChronicle } from "../src/chronicle.js";
import { testConfig } from "./test-config.js";

/**
 * Builds (or confirms) the index under data/ once before any test file runs, so test files can open
 * it in parallel without each embedding the corpus.
 */
export default async function setup(): Promise<void> {
  const chronicle = await openChronicle({ config: testConfig() });
  await chronicle.close();
}
