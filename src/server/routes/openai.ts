import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { sourcesBlock, type Citation } from "../../answer/index.js";
import type { AppEnv } from "../app-env.js";
import { FRONT_END_TASK_REPLY, isFrontEndTask } from "../front-end-tasks.js";
import { streamFailure } from "../stream-failure.js";
import { jsonBody } from "../middleware/json-body.js";
import { rejectMalformedPath } from "../middleware/malformed-path.js";
import { requireReady } from "../middleware/require-ready.js";
import { validate } from "../middleware/validate.js";
import { conversationTurns } from "../openai-conversation.js";
import { answerText, completionId, MODEL_ID, shownSources, toChunk, toCompletion, toUsageChunk, usageOf } from "../openai-format.js";
import { LIMITS, OpenAIChatBody } from "../schemas.js";
import type { ServerDeps } from "../server-deps.js";

// Fixed, so /v1/models answers the same on every call.
const MODEL_CREATED = 1_735_689_600;

/**
 * An OpenAI-compatible surface: GET /v1/models and POST /v1/chat/completions (streamed or not), so any
 * OpenAI client can ask Chronicle. System, developer, tool and function messages are skipped; the newest
 * user and assistant turns go to the chronicle's `chat`, like /api/chat's. Citations come as a top-level `citations` field
 * and as a "Sources:" block in the text. A front end's housekeeping prompt (a title for the chat) gets an
 * empty JSON object, without retrieval. With stream_options.include_usage, a stream ends with OpenAI's
 * usage chunk.
 */
export function openAIRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/models", (c) =>
    c.json({ object: "list", data: [{ id: MODEL_ID, object: "model", created: MODEL_CREATED, owned_by: "chronicle" }] }));

  app.get("/models/:id", rejectMalformedPath(), (c) =>
    c.json({ id: c.req.param("id"), object: "model", created: MODEL_CREATED, owned_by: "chronicle" }));

  app.post("/chat/completions", requireReady(deps.state), jsonBody(), validate("json", OpenAIChatBody), async (c) => {
    const body = c.req.valid("json");
    const chronicle = c.get("chronicle");
    const model = body.model || MODEL_ID;
    const messages = conversationTurns(body.messages, { messages: LIMITS.messages, chars: LIMITS.conversationChars });
    const promptText = messages.map((m) => m.content).join("\n");
    const created = Math.floor(Date.now() / 1000);
    // The schema made sure the last turn is a question from the user.
    const task = isFrontEndTask(messages.at(-1)!.content);

    if (!body.stream) {
      if (task) return c.json(toCompletion({ answerId: crypto.randomUUID(), content: FRONT_END_TASK_REPLY, citations: [] }, model, created, promptText));
      const { result } = await chronicle.chat(messages, { filters: body.filters, signal: c.req.raw.signal });
      await deps.remember(result);
      return c.json(toCompletion({ answerId: result.id, content: answerText(result), citations: shownSources(result) }, model, created, promptText));
    }

    const includeUsage = body.stream_options?.include_usage === true;
    return streamSSE(c, async (sse) => {
      const controller = new AbortController();
      sse.onAbort(() => controller.abort());
      const signal = AbortSignal.any([c.req.raw.signal, controller.signal]);
      // The answer id is known only at the end, and every chunk carries the same id: the stream gets its own,
      // and the answer is remembered under it as well, so feedback can name it.
      const streamAnswerId = crypto.randomUUID();
      const id = completionId(streamAnswerId);
      let written = "";
      const send = (delta: { role?: "assistant"; content?: string }, finish: "stop" | null = null, citations?: Citation[]) => {
        written += delta.content ?? "";
        const extra = { ...(citations ? { citations } : {}), ...(includeUsage ? { usage: null } : {}) };
        return sse.writeSSE({ data: JSON.stringify(toChunk(id, model, created, delta, finish, extra)) });
      };
      try {
        if (task) {
          await send({ role: "assistant", content: "" });
          await send({ content: FRONT_END_TASK_REPLY });
          await send({}, "stop", []);
        } else {
          const { events } = await chronicle.chatStream(messages, { filters: body.filters, signal });
          await send({ role: "assistant", content: "" });
          for await (const event of events) {
            if ("delta" in event) {
              await send({ content: event.delta });
            } else if ("done" in event) {
              const result = event.done;
              await Promise.all([deps.remember(result), deps.remember({ ...result, id: streamAnswerId })]);
              const block = sourcesBlock(shownSources(result));
              for (const line of block ? block.split(/(?<=\n)/) : []) await send({ content: line });
              await send({}, "stop", shownSources(result));
            }
          }
        }
        // OpenAI sends the usage, when asked for, in a chunk of its own just before [DONE].
        if (includeUsage) await sse.writeSSE({ data: JSON.stringify(toUsageChunk(id, model, created, usageOf(promptText, written))) });
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
