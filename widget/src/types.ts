/**
 * The shapes the widget reads from the Chronicle server's JSON API, as the server declares them. Type
 * imports only: esbuild drops them, so no server code reaches the bundle, and a change to a shape on the
 * server fails the type check here instead of surprising a browser.
 */
import type { ChatResult as ServerChatResult } from "../../src/server/routes/chat.js";

export type { Citation } from "../../src/answer/types.js";
export type { ChatMessage } from "../../src/chat/types.js";
/** GET /api/corpus: how the server describes its corpus; the widget and the page write nothing of their own about it. */
export type { CorpusDescription as CorpusInfo } from "../../src/corpus-description.js";
/** A whole chunk (GET /api/sources/:id, each entry of GET /api/chronology), and the inclusive days it speaks about. */
export type { Chunk as SourceChunk, DateRange } from "../../src/index/chunk.js";

/** The `done` event of POST /api/chat, as far as the widget reads it: api.ts checks each of these fields. */
export type ChatResult = Pick<ServerChatResult, "id" | "question" | "answer" | "citations" | "refused" | "related"> &
  Partial<Pick<ServerChatResult, "mode" | "rewrittenQuestion">>;
