import type { Chronicle } from "../chronicle.js";

/** Where loading the index stands: the server answers /readyz (and 503s questions) from this. */
export interface ChronicleState {
  readonly status: "loading" | "ready" | "failed";
  /** The loaded chronicle, once ready. */
  current(): Chronicle | undefined;
  /** Settles when loading does. */
  readonly ready: Promise<Chronicle>;
  /** Why loading failed. */
  readonly error: unknown;
  /**
   * Puts a newly built chronicle in place of the current one, in one step: requests already running finish
   * on the one they started with, every later request gets the new one. A failed start becomes ready.
   */
  replace(next: Chronicle): void;
}

/** Tracks a chronicle that may still be loading, so the server can listen before the index is in memory. */
export function trackChronicle(source: Chronicle | Promise<Chronicle>): ChronicleState {
  // A chronicle already loaded is ready at once, not a tick later: routes answer from the first request.
  const loaded = typeof (source as Promise<Chronicle>).then === "function" ? undefined : (source as Chronicle);
  let status: ChronicleState["status"] = loaded ? "ready" : "loading";
  let chronicle: Chronicle | undefined = loaded;
  let error: unknown;
  const ready = Promise.resolve(source).then(
    (loaded) => {
      status = "ready";
      chronicle = loaded;
      return loaded;
    },
    (failure: unknown) => {
      status = "failed";
      error = failure;
      throw failure;
    },
  );
  // The caller (start.ts) reports the failure; an unobserved rejection here would crash the process first.
  ready.catch(() => {});
  return {
    get status() {
      return status;
    },
    current: () => chronicle,
    ready,
    get error() {
      return error;
    },
    replace(next) {
      chronicle = next;
      status = "ready";
      error = undefined;
    },
  };
}
