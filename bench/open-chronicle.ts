import { openChronicle, type Chronicle } from "../src/chronicle.js";
import { loadConfig, type Config } from "../src/config.js";

/**
 * The chronicle a benchmark measures in its own process: the environment's settings, as the `npm start`
 * servers it spawns read them (so both see the same corpus), with the encoder in this thread unless told.
 */
export function openBenchChronicle(overrides: Partial<Config> = {}): Promise<Chronicle> {
  return openChronicle({ config: { ...loadConfig(), EMBED_WORKERS: 0, ...overrides } });
}
