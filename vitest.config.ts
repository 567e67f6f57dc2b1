import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Builds the shared index once, so test files open it instead of each embedding the corpus.
    globalSetup: ["test-support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Test files run in parallel: one in-process encoder each, rather than a thread pool each.
    env: { EMBED_WORKERS: "0", LOG_LEVEL: "silent" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "evals/**/*.test.ts", "widget/**/*.test.ts", "scripts/**/*.test.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Load, soak and fault tests measure the server under stress: they run after the rest, one
        // file at a time, so neither disturbs the other's timings.
        extends: true,
        test: {
          name: "robustness",
          include: ["test/**/*.test.ts"],
          sequence: { groupOrder: 1 },
          fileParallelism: false,
        },
      },
    ],
  },
});
