import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "evals/**/*.test.ts", "widget/**/*.test.ts", "test/**/*.test.ts"],
    // Builds the shared index once, so test files open it instead of each embedding the corpus.
    globalSetup: ["test-support/global-setup.ts"],
    testTimeout: 30_000,
    // Test files run in parallel: one in-process encoder each, rather than a thread pool each.
    env: { EMBED_WORKERS: "0", LOG_LEVEL: "silent" },
    hookTimeout: 120_000,
  },
});
