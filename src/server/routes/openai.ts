import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { ChatMessage } from "../../chat/index.js";
import type { AppEnv } from "../app-env.js";
import { streamFailure } from "../stream-failure.js";
import { jsonBody } from "../middleware/json-body.js";
import { requireReady } from "../middleware/require-ready.js";
import { validate } from "../middleware/validate.js";
import { completionId, MODEL_ID, shownSources, sourcesBlock, toChunk, toCompletion } from "../openai-format.js";
import { OpenAIChatBody } from "../schemas.js";
import type { ServerDeps } from "../server-deps.js";

// Fixed, so /v1/models answers the same on every call.
const MODEL_CREATED = 1_735_689_600;

/**
 * An OpenAI-compatible surface: GET /v1/models and POST /v1/chat/completions (streamed or not), so any
 * OpenAI client can ask Chronicle. System messages are ignored; user and assistant turns are condensed
 * like /api/chat. Citations come as a top-level `citations` field and as a "Sources:" block in the text.
 */
export function openAIRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/models", (c) =>
    c.json({ object: "list", data: [{ id: MODEL_ID, object: "model", created: MODEL_CREATED, owned_by: "chronicle" }] }));

  app.get("/models/:id", (c) =>
    c.json({ id: c.req.param("id"), object: "model", created: MODEL_CREATED, owned_by: "chronicle" }));

  app.post("/chat/completions", requireReady(deps.state), jsonBody(), validate("json", OpenAIChatBody), async (c) => {
    const body = c.req.valid("json");
    const chronicle = c.get("chronicle");
    const model = body.model || MODEL_ID;
    const messages: ChatMessage[] = body.messages.flatMap((m) =>
      m.role === "user" || m.role === "assistant" ? [{ role: m.role, content: m.content }] : []);
    const promptText = messages.map((m) => m.content).join("\n");
    const created = Math.floor(Date.now() / 1000);
    const condense = deps.condenserFor(chronicle);

    if (!body.stream) {
      const signal = c.req.raw.signal;
      const question = await condense(messages, { signal });
      const result = await chronicle.ask(question, { filters: body.filters, signal });
      deps.answers.remember(result);
      return c.json(toCompletion(result, model, created, promptText));
    }

    return streamSSE(c, async (sse) => {
      const controller = new AbortController();
      sse.onAbort(() => controller.abort());
      const signal = AbortSignal.any([c.req.raw.signal, controller.signal]);
      // The answer id is known only at the end, and every chunk carries the same id: the stream gets its own,
      // and the answer is remembered under it as well, so feedback can name it.
      const streamAnswerId = crypto.randomUUID();
      const id = completionId(streamAnswerId);
      const send = (chunk: object) => sse.writeSSE({ data: JSON.stringify(chunk) });
      try {
        const question = await condense(messages, { signal });
        await send(toChunk(id, model, created, { role: "assistant", content: "" }));
        for await (const event of chronicle.askStream(question, { filters: body.filters, signal })) {
          if ("delta" in event) {
            await send(toChunk(id, model, created, { content: event.delta }));
          } else if ("done" in event) {
            const result = event.done;
            deps.answers.remember(result);
            deps.answers.remember({ ...result, id: streamAnswerId });
            const block = sourcesBlock(shownSources(result));
            for (const line of block ? block.split(/(?<=\n)/) : []) await send(toChunk(id, model, created, { content: line }));
            await send(toChunk(id, model, created, {}, "stop", { citations: shownSources(result) }));
          }
        }
        await sse.writeSSE({ data: "[DONE]" });
      } catch (error) {
        const failure = streamFailure(c, deps.logger, error, signal, "completion stream");
        if (!failure) return;
        const { status, code, message } = failure;
        // OpenAI's streams report a failure as a data line with an `error` object; its clients throw on it.
        await sse.writeSSE({ data: JSON.stringify({ error: { code, message, type: status >= 500 ? "server_error" : "invalid_request_error" } }) });
      }
    });
  });

  return app;
}
