/** Escapes the three characters Slack's mrkdwn treats as control characters; everything else, [n] included, stays. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Reads a message as Slack delivers it into plain text: user and bot mentions are dropped (the bot is
 * addressed, not asked about), channel and link markup becomes its label, and Slack's escapes are undone.
 */
export function plainTextFromSlack(text: string): string {
  return text
    .replace(/<[@!][^>]*>/g, " ")
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, "#$1")
    .replace(/<([^>|]+)\|([^>]*)>/g, "$2")
    .replace(/<([^>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

const ELLIPSIS = "…";
/** A sentence end, with any closing quote or bracket and the [n] markers that cite it. */
const SENTENCE_END = /[.!?…]["'”’)\]]*(?:[ \t]*\[\d+\])*(?=\s|$)/g;

/**
 * Shortens text to at most `max` characters, cutting at the last line or sentence end that fits and
 * marking the cut with "…". Falls back to a word boundary when no such boundary keeps half the room,
 * and to a hard cut (never inside an HTML entity or a surrogate pair) when the text has no spaces.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);

  let clean = -1;
  let cleanSuffix = "";
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    const kept = text.slice(0, i).trimEnd().length;
    if (kept + 1 + ELLIPSIS.length > max) break;
    if (kept > clean) [clean, cleanSuffix] = [kept, `\n${ELLIPSIS}`];
  }
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (end + 1 + ELLIPSIS.length > max) break;
    if (end > clean) [clean, cleanSuffix] = [end, ` ${ELLIPSIS}`];
  }
  if (clean >= max / 2) return text.slice(0, clean) + cleanSuffix;

  const room = max - ELLIPSIS.length;
  const space = text.slice(0, room + 1).search(/\s\S*$/);
  if (space > 0) return text.slice(0, space).trimEnd() + ELLIPSIS;
  return hardCut(text, room) + ELLIPSIS;
}

/** Cuts at `at` or a little before it, so no entity like "&amp;" and no surrogate pair is split. */
function hardCut(text: string, at: number): string {
  let end = at;
  const amp = text.lastIndexOf("&", end - 1);
  if (amp !== -1 && end - amp < 6 && !text.slice(amp, end).includes(";")) end = amp;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}
