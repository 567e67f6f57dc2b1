import type { Chronicle } from "../chronicle.js";

/** What middleware hands on to handlers through the request context. */
export interface AppEnv {
  Variables: {
    /** Set by hono/request-id; appears in every log line of the request. */
    requestId: string;
    /** The loaded pipeline; set by `requireReady` on routes that answer questions. */
    chronicle: Chronicle;
    /** Who the rate limit counts: the API key's fingerprint when keys are on. */
    clientKey?: string;
    /** The client's address: the socket's, or behind trusted proxies the one they forwarded. */
    clientAddress?: string;
  };
}
