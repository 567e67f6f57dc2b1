import type { AskResult } from "../chronicle.js";
import { withBullet, type Citation } from "../answer/index.js";
import { formatRange } from "../dates/index.js";
import { cutText, escapeMrkdwn } from "./mrkdwn.js";
import type { ChatPlatform } from "./types.js";

/** Slack's published Block Kit limits, and the share of them a reply uses. */
export const SLACK_LIMITS = {
  /** Characters in a section's text. */
  sectionText: 3000,
  /** Elements in one context block. */
  contextElements: 10,
  /** Blocks in one message. */
  blocks: 50,
  /** Characters of the plain `text` fallback (notifications, and the whole reply on Mattermost). */
  fallbackText: 4000,
  /** Characters of a source's quote shown in the context block. */
  quote: 110,
} as const;

/** A mrkdwn text object. */
export interface MrkdwnText {
  type: "mrkdwn";
  text: string;
}

export interface SectionBlock {
  type: "section";
  text: MrkdwnText;
}

export interface ContextBlock {
  type: "context";
  elements: MrkdwnText[];
}

/** A button row: the rating buttons under an answer. */
export interface ActionsBlock {
  type: "actions";
  block_id: string;
  elements: Array<{ type: "button"; action_id: string; text: { type: "plain_text"; text: string; emoji: true }; value: string }>;
}

export type Block = SectionBlock | ContextBlock | ActionsBlock;

/** The action ids of the rating buttons: /slack/interactions records a press of either. */
export const RATE_ACTIONS = { up: "chronicle_rate_up", down: "chronicle_rate_down" } as const;

/** A message ready for chat.postMessage or a response_url: Block Kit plus the plain fallback. */
export interface Reply {
  text: string;
  /** Absent for Mattermost, which shows `text` (Markdown) instead. */
  blocks?: Block[];
}

export interface ReplyOptions {
  /** The answer's id: with it a Slack reply carries rating buttons. */
  answerId?: string;
  /** Slack gets Block Kit with mrkdwn escaping; Mattermost gets Markdown text. Default "slack". */
  platform?: ChatPlatform;
  /** Who asked what, shown above the answer: a slash command's reply stands alone in the channel. */
  asked?: AskedBy;
  /** The standalone question actually answered, shown when a follow-up was rewritten. */
  understoodAs?: string;
}

/** The asker of a slash command, as its form names them. */
export interface AskedBy {
  question: string;
  command?: string;
  /** Slack user id (U…/W…), shown as a mention. */
  userId?: string;
  /** Mattermost user name, shown as @name. */
  userName?: string;
}

const REFUSAL_ICON = ":grey_question:";

/** What the asker sees when answering itself failed (delivery failures can only be logged). */
export const FAILURE_NOTICE = ":warning: Sorry, Chronicle could not answer this just now. Please try again in a moment.";

/** Builds the reply to one answer: the text with its [n] markers, then the sources those markers cite. */
export function formatReply(result: Pick<AskResult, "answer" | "citations" | "refused" | "related">, options: ReplyOptions = {}): Reply {
  const answer = result.refused ? `${REFUSAL_ICON} ${result.answer}` : result.answer;
  // A refusal with the closest passages lists them as its sources; its [n] markers cite them.
  const citations = result.refused ? result.related ?? [] : result.citations;
  return options.platform === "mattermost"
    ? markdownReply(answer, citations, options)
    : blockReply(answer, citations, options);
}

/** A short notice (usage, error, progress) in the same shape as a reply. */
export function formatNotice(text: string, platform: ChatPlatform = "slack"): Reply {
  if (platform === "mattermost") return { text: cutText(text, SLACK_LIMITS.fallbackText) };
  const escaped = cutText(escapeMrkdwn(text), SLACK_LIMITS.sectionText);
  return { text: escaped, blocks: [{ type: "section", text: { type: "mrkdwn", text: escaped } }] };
}

function blockReply(answer: string, citations: Citation[], options: ReplyOptions): Reply {
  const blocks: Block[] = [];
  const notes = [options.asked && askedLine(options.asked, "slack"), options.understoodAs && `Answering: ${escapeMrkdwn(options.understoodAs)}`];
  const shownNotes = notes.filter((note): note is string => Boolean(note)).map((note) => cutText(note, SLACK_LIMITS.quote * 3));
  if (shownNotes.length > 0) blocks.push(context(shownNotes));

  // Slack's mrkdwn has no list syntax, so the answer's list lines get bullets of their own.
  const body = cutText(withBullet(escapeMrkdwn(answer), "• "), SLACK_LIMITS.sectionText);
  blocks.push({ type: "section", text: { type: "mrkdwn", text: body } });

  // A cut answer lists only the sources its remaining markers cite.
  const shown = citedIn(body, citations).map((citation) => escapeMrkdwn(sourceLine(citation)));
  // The rating buttons, when there are any, take the last block.
  const room = (SLACK_LIMITS.blocks - blocks.length - (options.answerId ? 1 : 0)) * SLACK_LIMITS.contextElements;
  const lines = shown.length > room ? [...shown.slice(0, room - 1), `…and ${shown.length - room + 1} more sources`] : shown;
  for (let i = 0; i < lines.length; i += SLACK_LIMITS.contextElements) {
    blocks.push(context(lines.slice(i, i + SLACK_LIMITS.contextElements)));
  }
  if (options.answerId) blocks.push(ratingButtons(options.answerId));
  return { text: cutText(body, SLACK_LIMITS.fallbackText), blocks };
}

function markdownReply(answer: string, citations: Citation[], options: ReplyOptions): Reply {
  const notes = [options.asked && askedLine(options.asked, "mattermost"), options.understoodAs && `Answering: ${options.understoodAs}`]
    .filter((note): note is string => Boolean(note))
    .map((note) => `_${note}_`);
  const sources = citations.map(sourceLine);
  const parts = [...notes, answer, ...(sources.length > 0 ? [`**Sources**\n${sources.join("\n")}`] : [])];
  return { text: cutText(parts.join("\n\n"), SLACK_LIMITS.fallbackText) };
}

function askedLine(asked: AskedBy, platform: ChatPlatform): string {
  const who =
    platform === "slack" && asked.userId && /^[UW][A-Z0-9]+$/.test(asked.userId) ? `<@${asked.userId}>`
    : platform === "mattermost" && asked.userName && /^[\w.-]+$/.test(asked.userName) ? `@${asked.userName}`
    : "Someone";
  const via = asked.command ? ` with ${asked.command}` : "";
  const question = platform === "slack" ? escapeMrkdwn(asked.question) : asked.question;
  return `${who} asked${via}: ${question}`;
}

function context(texts: string[]): ContextBlock {
  return { type: "context", elements: texts.map((text) => ({ type: "mrkdwn", text })) };
}

/** The citations whose [n] markers occur in the text, in order of n. */
function citedIn(text: string, citations: Citation[]): Citation[] {
  const used = new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  return citations.filter((citation) => used.has(citation.n)).sort((a, b) => a.n - b.n);
}

/** "[1] July 24, 2024 — The board approves the new budget…" */
export function sourceLine(citation: Citation): string {
  const where = citationDate(citation) ?? citation.section ?? citation.doc;
  // A page only helps beside the document it is in: "Results (report.pdf, p. 3)".
  const page = citation.page ? (where === citation.doc ? `, p. ${citation.page}` : ` (${citation.doc}, p. ${citation.page})`) : "";
  return `[${citation.n}] ${where}${page} — ${firstWords(withoutDatePrefix(citation), SLACK_LIMITS.quote)}`;
}

/** The date as the document writes it when that names the year, else the range written out. */
function citationDate(citation: Citation): string | undefined {
  if (citation.dateLabel && /\b\d{4}\b/.test(citation.dateLabel)) return citation.dateLabel;
  return citation.date ? formatRange(citation.date) : citation.dateLabel;
}

/** Quotes often repeat the date the line already shows ("July 24, 2024: Four…"). */
function withoutDatePrefix(citation: Citation): string {
  const label = citation.dateLabel;
  const text = citation.text.trim();
  return label && text.startsWith(label) ? text.slice(label.length).replace(/^[\s:,.–—-]+/, "") : text;
}

function firstWords(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ");
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max).replace(/\s+\S*$/, "");
  return `${cut || flat.slice(0, max)}…`;
}

/** 👍 / 👎 under an answer; the value names the answer they rate. */
function ratingButtons(answerId: string): ActionsBlock {
  const button = (action_id: string, text: string) => ({ type: "button" as const, action_id, text: { type: "plain_text" as const, text, emoji: true as const }, value: answerId });
  return { type: "actions", block_id: "chronicle_feedback", elements: [button(RATE_ACTIONS.up, "👍 Helpful"), button(RATE_ACTIONS.down, "👎 Not helpful")] };
}
