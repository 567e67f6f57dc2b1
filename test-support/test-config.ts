import { defaultConfig, type Config } from "../src/config.js";

/**
 * Settings for tests: the defaults, never the shell's environment (an OPENAI_API_KEY exported there must
 * not turn the tests' LLM on), with the encoder in the test's own thread and logs silent.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...defaultConfig(), EMBED_WORKERS: 0, LOG_LEVEL: "silent", ...overrides };
}
