import { ServerError, type ChronicleClient } from "./api.js";
import type { CorpusInfo } from "./types.js";

export interface LoadCorpusOptions {
  /** Wait between tries while the server is still loading its index (503). */
  retryMs?: number;
  /** Tries before giving up; the default waits out about two minutes of loading. */
  tries?: number;
}

// One request per server however many parts of a page ask: the page and its chat share the answer.
const loads = new Map<string, Promise<CorpusInfo>>();

/**
 * The server's description of its corpus (GET /api/corpus). A server that has just started answers 503
 * until its index is loaded, so that is waited out; any other failure is final, and forgotten, so that a
 * later call asks again.
 */
export function loadCorpus(client: ChronicleClient, options: LoadCorpusOptions = {}): Promise<CorpusInfo> {
  let load = loads.get(client.server);
  if (!load) {
    load = fetchCorpus(client, options.retryMs ?? 3000, options.tries ?? 40);
    loads.set(client.server, load);
    load.catch(() => loads.delete(client.server));
  }
  return load;
}

async function fetchCorpus(client: ChronicleClient, retryMs: number, tries: number): Promise<CorpusInfo> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.corpus();
    } catch (error) {
      const loading = error instanceof ServerError && error.status === 503;
      if (!loading || attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}
