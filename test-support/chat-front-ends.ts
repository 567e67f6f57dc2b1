/**
 * Bodies for POST /v1/chat/completions shaped as chat front ends send them: their roles, fields, content
 * parts and prompt structure. The wording of prompts and turns is this file's own.
 */

/** A user and assistant exchange of a chat so far. */
export interface Exchange {
  question: string;
  answer: string;
}

/** A chat of `count` exchanges, each answer about `answerChars` characters long. */
export function longChat(count: number, answerChars = 400): Exchange[] {
  return Array.from({ length: count }, (_, i) => ({
    question: `What happened in meeting ${i + 1}?`,
    answer: `Meeting ${i + 1} reviewed the joint projects [1]. `.padEnd(answerChars, "The parties noted progress and agreed to meet again. "),
  }));
}

const textPart = (text: string) => [{ type: "text", text }];

/**
 * Open WebUI's housekeeping request for a chat's title (or tags, with `task: "tags"`): one user message
 * holding a "### Task:" prompt that quotes the chat between <chat_history> tags as "USER: ..." and
 * "ASSISTANT: ..." lines, sent with stream off and a token cap.
 */
export function openWebUITaskRequest(chat: Exchange[], task: "title" | "tags" = "title") {
  const history = chat.flatMap(({ question, answer }) => [`USER: ${question}`, `ASSISTANT: ${answer}`]).join("\n");
  const instruction = task === "title"
    ? "Write a short title of a few words, with an emoji, for the chat below.\n### Guidelines:\n- Keep it in the chat's language.\n### Output:\nJSON: { \"title\": \"the title\" }"
    : "Give one to three broad tags and one to three narrower ones for the themes of the chat below.\n### Output:\nJSON: { \"tags\": [\"tag1\", \"tag2\"] }";
  return {
    model: "chronicle",
    messages: [{ role: "user", content: `### Task:\n${instruction}\n### Chat History:\n<chat_history>\n${history}\n</chat_history>` }],
    stream: false,
    max_completion_tokens: 1000,
  };
}

/**
 * An Open WebUI chat after a tool was called: its system prompt, the assistant turn that only called the
 * tool (null content), the tool's result, the answer, and the new question as content parts. Streamed,
 * with the usage asked for, and the tools it offers.
 */
export function openWebUIToolChatRequest(question: string) {
  return {
    model: "chronicle",
    stream: true,
    stream_options: { include_usage: true },
    messages: [
      { role: "system", content: "Use the tools when they help. Today is 2024-07-24." },
      { role: "user", content: "What time is it in Moscow?" },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "current_time", arguments: '{"zone":"Europe/Moscow"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: "2024-07-24T13:00:00+03:00" },
      { role: "assistant", content: "It is 13:00 in Moscow." },
      { role: "user", content: textPart(question) },
    ],
    tools: [{ type: "function", function: { name: "current_time", description: "The time in a zone", parameters: { type: "object", properties: { zone: { type: "string" } } } } }],
  };
}

/** The same with the older functions API: an assistant `function_call` with null content, and a `function` message. */
export function legacyFunctionChatRequest(question: string) {
  return {
    model: "chronicle",
    messages: [
      { role: "user", content: "What time is it in Moscow?" },
      { role: "assistant", content: null, function_call: { name: "current_time", arguments: "{}" } },
      { role: "function", name: "current_time", content: "13:00" },
      { role: "user", content: question },
    ],
    functions: [{ name: "current_time", parameters: { type: "object", properties: {} } }],
  };
}

/**
 * A LibreChat conversation with an agent's long instructions as its system prompt, the turns as content
 * parts, streamed with the usage asked for and the sampling fields LibreChat always sends.
 */
export function libreChatRequest(chat: Exchange[], question: string, systemChars = 6000) {
  const instructions = "You are the research assistant of the analysis team. Answer from the documents, cite them, and say when they do not cover a question. "
    .repeat(Math.ceil(systemChars / 130)).slice(0, systemChars);
  return {
    model: "chronicle",
    user: "65f1c2d3e4b5a6978812abcd",
    stream: true,
    stream_options: { include_usage: true },
    n: 1,
    temperature: 0.7,
    top_p: 1,
    presence_penalty: 0,
    frequency_penalty: 0,
    messages: [
      { role: "system", content: instructions },
      ...chat.flatMap(({ question: asked, answer }) => [
        { role: "user", content: textPart(asked) },
        { role: "assistant", content: textPart(answer) },
      ]),
      { role: "user", content: textPart(question) },
    ],
  };
}

/** An Open WebUI chat sent whole, as it is on every new message: the system prompt and every earlier turn. */
export function openWebUIChatRequest(chat: Exchange[], question: string) {
  return {
    model: "chronicle",
    stream: false,
    messages: [
      { role: "system", content: "Answer in English." },
      ...chat.flatMap(({ question: asked, answer }) => [{ role: "user", content: asked }, { role: "assistant", content: answer }]),
      { role: "user", content: question },
    ],
  };
}
