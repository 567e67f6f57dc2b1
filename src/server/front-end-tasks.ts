/**
 * Besides the user's questions, chat front ends ask the model behind them for housekeeping. Open WebUI
 * asks for a chat's title, its tags, follow-up suggestions and search queries, each as a single user
 * message holding a prompt that starts "### Task:" and quotes the chat between <chat_history> tags, so a
 * long chat makes it longer than any question may be. These are not questions about the documents:
 * retrieving for them would only cost time and put an answer where a title belongs.
 */
export function isFrontEndTask(text: string): boolean {
  return TASK_PROMPT.test(text) && CHAT_HISTORY.test(text);
}

const TASK_PROMPT = /^\s*#{1,3}\s*Task:/;
const CHAT_HISTORY = /<chat_history>[\s\S]*<\/chat_history>/;

/**
 * What Chronicle answers a front end's task with: an empty JSON object. Open WebUI reads a JSON object out
 * of the reply and takes each field with a default ("title" the chat's first message, "tags",
 * "follow_ups" and "queries" none), so an empty one gets the front end's own defaults.
 */
export const FRONT_END_TASK_REPLY = "{}";
