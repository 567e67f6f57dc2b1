import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { AskResult } from "../../chronicle.js";
import type { AppEnv } from "../app-env.js";
import { orderChatEvents } from "../chat-events.js";
import { streamFailure } from "../stream-failure.js";
import { jsonBody } from "../middleware/json-body.js";
import { requireReady } from "../middleware/require-ready.js";
import { validate } from "../middleware/validate.js";
import { ChatBody } from "../schemas.js";
import type { ServerDeps } from "../server-deps.js";

/** The chat result: the AskResult of the rewritten question, and that question. */
export type ChatResult = AskResult & { rewrittenQuestion: string };

/**
 * POST /api/chat {messages, stream?, filters?}: the chronicle's `chat`, which condenses the last user turn
 * into a standalone question and answers it. With stream=true the answer comes as SSE: `citations`,
 * `delta`s, then `done` (or `error`).
 */
export function chatRoutes(deps: ServerDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().post("/chat", requireReady(deps.state), jsonBody(), validate("json", ChatBody), async (c) => {
    const { messages, stream, filters } = c.req.valid("json");
    const chronicle = c.get("chronicle");
    const finish = (standalone: string) => async (result: AskResult): Promise<ChatResult> => {
      await deps.remember(result);
      return { ...result, rewrittenQuestion: standalone };
    };

    if (!stream) {
      const { standalone, result } = await chronicle.chat(messages, { filters, signal: c.req.raw.signal });
      return c.json(await finish(standalone)(result));
    }

    return streamSSE(c, async (sse) => {
      // Stop work when the client goes away: the request's own signal and the stream's abort both say so.
      const controller = new AbortController();
      sse.onAbort(() => controller.abort());
      const signal = AbortSignal.any([c.req.raw.signal, controller.signal]);
      try {
        const { standalone, events } = await chronicle.chatStream(messages, { filters, signal });
        for await (const { event, data } of orderChatEvents(events, finish(standalone))) {
          await sse.writeSSE({ event, data: JSON.stringify(data) });
        }
      } catch (error) {
        const failure = streamFailure(c, deps.logger, error, signal, "chat stream");
        if (failure) await sse.writeSSE({ event: "error", data: JSON.stringify({ code: failure.code, message: failure.message }) });
      }
    });
  });
}
