import type { Logger } from "../logger.js";

/** Runs replies after the HTTP acknowledgement has gone, never letting a failure escape. */
export interface BackgroundTasks {
  run(name: string, task: () => Promise<void>, fields?: Record<string, unknown>): void;
  /** Tasks still running. */
  readonly pending: number;
  /** Settles when every task started so far has finished: for shutdown and tests. */
  idle(): Promise<void>;
}

export function createBackgroundTasks(logger: Logger): BackgroundTasks {
  const tasks = new Set<Promise<void>>();
  return {
    run(name, task, fields = {}) {
      const running: Promise<void> = Promise.resolve()
        .then(task)
        // The last line of defence: an unhandled rejection here would take the whole server down.
        .catch((error) => logger.error({ ...fields, task: name, err: error instanceof Error ? error.message : String(error) }, `Slack ${name} failed`))
        .finally(() => tasks.delete(running));
      tasks.add(running);
    },
    get pending() {
      return tasks.size;
    },
    async idle() {
      while (tasks.size > 0) await Promise.allSettled([...tasks]);
    },
  };
}
