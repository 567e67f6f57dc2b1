import { eng } from "stopword";
import { findDates, formatRange } from "../dates/index.js";
import { InvalidInputError } from "../errors.js";
import { terms } from "../text/terms.js";
import { anchorOf, answerItems, type AnswerItem } from "./answer-items.js";
import { containsWord, findEntities } from "./entities.js";
import { findOrdinalReference, type OrdinalReference } from "./ordinals.js";
import { findRelativeDate, resolveRelativeDate } from "./relative-dates.js";
import type { ChatMessage } from "./types.js";

/** Options of `condense`. */
export interface CondenseOptions {
  /** The year dates written without one are read in: the corpus's main year. */
  year: number;
}

/** What a follow-up may lean on: the previous question made standalone, and the answer it got. */
interface Context {
  previous?: string;
  answer?: ChatMessage;
  /** Every earlier answer, newest first: "the third one" may point past a one-item answer to the last list. */
  earlier: ChatMessage[];
  year: number;
}

const PRONOUN = /\b(it|its|they|them|their|theirs|he|him|his|she|her|hers|this|that|these|those|there)\b/i;
const MORE = /\b(else|other|others|another|again|also|too|more|same)\b/i;
const EVENTS = /\b(what|which)\b.*\b(happen(ed|ing|s)?|took place|take place|occur(red|s)?|events?|went on)\b/i;
// Conjunctions and chit-chat before the question proper: "and ...", "thanks! what ...".
const LEAD = /^\s*(?:(?:and|but|so|ok(?:ay)?|also|then|now|thanks|thank you|great|cool|nice|perfect|got it|i see)\b[\s,.!]*)+/i;
// Question words are not a subject: "When was the second phase?" has two words of content, not three.
const QUESTION_TERMS = new Set(["when", "why", "how", "where", "who", "whom", "what", "which"]);
const SUBJECT_TERMS = 3;
const ELLIPSIS = /^\s*(?:(?:and|but|so)\s+)?(?:(?:what|how)\s+about|and)\s+(.+?)\s*[?.!]*\s*$/i;
const QUESTION_START = /^(who|whom|whose|what|when|where|which|why|how|did|does|do|is|are|was|were|can|could|will|would|has|have|had|should|tell|list|show|give|name|describe|explain)\b/i;
const PREPOSITION = /^(in|at|to|from|with|near|on|during)\s+/i;
// Words a topic phrase does without: "Which board meetings happened in 2023?" has the topic "board meetings".
const NOT_TOPIC = new Set([...eng, "happened", "happen", "happens", "took", "take", "place", "occurred", "occur", "held", "tell", "list",
  "show", "give", "name", "describe", "explain", "summarize", "please", "chronology", "corpus", "article", "according", "when", "why"]);
// Words "what about ..." may add around a date or a name and still only swap that date or name in.
const FILLER = new Set(["in", "on", "during", "at", "for", "to", "from", "with", "near", "the", "a", "an", "and", "or", "about", "of", "then", "instead", "too", "also"]);
const SNIPPET_WORDS = 14;
const MAX_CARRIED = 4;
const MAX_ELLIPSIS_WORDS = 6;

/**
 * Rewrites the last user turn into a standalone question, offline and deterministically:
 * - "the second one" becomes the second item (or citation) of the previous answer, with its date;
 * - "a month later", "the week before", "the next day" resolve against the previous answer's first dated
 *   citation;
 * - "what about September?" / "and Okafor?" re-ask the previous question with that date or name swapped in;
 * - a question lacking names of its own carries forward the names (or topic) and date of the previous turn.
 * A question with its own names and none of these references is returned unchanged.
 */
export function condense(messages: ChatMessage[], options: CondenseOptions): string {
  const last = messages.at(-1);
  if (!last || last.role !== "user") throw new InvalidInputError("the last message must be from the user");
  const history = messages.slice(0, -1);
  const previousAt = findLastIndex(history, (m) => m.role === "user");
  // The previous question is condensed first, so chains of follow-ups keep their subject.
  const previous = previousAt >= 0 ? condense(history.slice(0, previousAt + 1), options) : undefined;
  const answer = history.slice(previousAt + 1).findLast((m) => m.role === "assistant" && m.content.trim().length > 0)
    ?? history.findLast((m) => m.role === "assistant" && m.content.trim().length > 0);
  const earlier = history.filter((m) => m.role === "assistant" && m.content.trim().length > 0).reverse();
  return rewrite(last.content.trim(), { previous, answer, earlier, year: options.year });
}

function rewrite(question: string, context: Context): string {
  const { year, previous, answer } = context;
  if (!previous && !answer) return question;
  const ownNames = findEntities(question, year);
  const ownDates = datesOf(question, year);
  const ordinal = findOrdinalReference(question);
  const relative = findRelativeDate(question);
  const refersBack = PRONOUN.test(question) || MORE.test(question);
  const content = terms(question).filter((term) => !QUESTION_TERMS.has(term));
  const hasSubject = ownNames.length > 0 || (!refersBack && (ownDates.length > 0 || content.length >= SUBJECT_TERMS));
  if (hasSubject && !ordinal && !relative && !ellipsisPayload(question)) return question;

  const items = answer ? answerItems(answer, year) : [];
  let text = question;
  let subjectGiven = false;
  let dateGiven = ownDates.length > 0;

  const item = ordinal && pickItem(items, ordinal.which, context);
  if (ordinal && item) {
    text = describeItem(text, ordinal, item);
    subjectGiven = true;
    dateGiven ||= Boolean(item.date);
  }
  const anchor = anchorOf(items)?.date ?? (previous ? datesOf(previous, year)[0]?.range : undefined);
  const rel = findRelativeDate(text);
  if (rel && anchor) {
    const resolved = resolveRelativeDate(rel, anchor);
    text = text.slice(0, rel.index) + resolved.phrase + text.slice(rel.index + rel.text.length);
    dateGiven = true;
  }
  const payload = !subjectGiven && ellipsisPayload(text);
  if (payload && previous) {
    const swapped = substitute(previous, payload, year);
    if (swapped) return swapped;
  }

  text = capitalize(text.replace(LEAD, ""));
  const carried: string[] = [];
  const aboutPeriod = EVENTS.test(text) && !PRONOUN.test(text) && dateGiven;
  if (!subjectGiven && ownNames.length === 0 && !aboutPeriod) {
    carried.push(...subjectOf(previous, items, year).filter((name) => !containsWord(text, name)).slice(0, MAX_CARRIED));
  }
  if (!dateGiven) {
    const date = dateOf(previous, items, year);
    if (date && !containsWord(text, date) && !carried.some((name) => containsWord(name, date))) carried.push(date);
  }
  return withContext(text, carried);
}

/** The names a follow-up is about: the previous question's, else its topic words, else those of a single-event answer. */
function subjectOf(previous: string | undefined, items: AnswerItem[], year: number): string[] {
  const names = previous ? findEntities(previous, year) : [];
  if (names.length) return names;
  const topic = previous ? topicOf(previous, year) : undefined;
  if (topic) return [topic];
  const anchor = anchorOf(items) ?? items[0];
  return anchor && !isList(items) ? findEntities(anchor.text, year).slice(0, 3) : [];
}

/** The date a follow-up is about: the previous question's, else the one event its answer was about. */
function dateOf(previous: string | undefined, items: AnswerItem[], year: number): string | undefined {
  const asked = previous ? datesOf(previous, year)[0] : undefined;
  if (asked) return asked.text;
  const anchor = anchorOf(items);
  if (!anchor?.date || isList(items)) return undefined;
  return anchor.label && findDates(anchor.label, year).length ? anchor.label : formatRange(anchor.date);
}

// An answer that cites entries of several dates is a list: no single one of them is the conversation's date.
function isList(items: AnswerItem[]): boolean {
  return new Set(items.filter((item) => item.date).map((item) => item.date!.start)).size > 1;
}

/** The content words of a question without names, as written: "joint bomber patrols". */
function topicOf(question: string, year: number): string | undefined {
  let rest = question;
  for (const m of findDates(question, year).reverse()) rest = rest.slice(0, m.index) + " " + rest.slice(m.index + m.text.length);
  const words = (rest.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).filter((word) => !NOT_TOPIC.has(word.toLowerCase()));
  return words.length ? words.slice(0, 5).join(" ") : undefined;
}

/**
 * The item an ordinal names: in the previous answer when it lists several, otherwise in the latest answer
 * that lists enough of them ("the third one" after a one-entry answer means the list before it).
 */
function pickItem(items: AnswerItem[], which: OrdinalReference["which"], context: Context): AnswerItem | undefined {
  const fits = (list: AnswerItem[]) => list.length > 1 && (which === "last" || list.length >= which);
  const list = fits(items) ? items : context.earlier.map((m) => answerItems(m, context.year)).find(fits) ?? items;
  return which === "last" ? list.at(-1) : list[which - 1];
}

/** Puts the referenced item in place of "the second one", or asks about it when that is all the turn says. */
function describeItem(text: string, ordinal: OrdinalReference, item: AnswerItem): string {
  const snippet = snippetOf(item.text);
  const label = item.label ?? (item.date ? formatRange(item.date) : undefined);
  const before = text.slice(0, ordinal.index);
  const after = text.slice(ordinal.index + ordinal.text.length);
  const bare = !`${before} ${after}`
    .replace(/\b(and|but|so|what|how|about|tell|me|more|of|please)\b/gi, "")
    .replace(/[\s?.!,]+/g, "");
  // Asked about on its own, the item is quoted with its date: that retrieves exactly its entry.
  if (bare) {
    const end = /[.!?…]$/.test(snippet) ? "" : ".";
    if (label && item.date) return `Tell me about the ${label} entry: ${snippet}${end}`;
    return `Tell me about ${label ? `the passage in "${label}"` : "the passage"}: ${snippet}${end}`;
  }
  const reference = item.date ? `the ${label} entry (${snippet})` : `the passage "${snippet}"`;
  return before + reference + after;
}

/** The opening words of an item, without asides in parentheses. */
function snippetOf(text: string): string {
  const sentence = text.split(/(?<=[.!?])\s+/)[0] ?? "";
  const words = sentence.replace(/\s*\([^)]*\)/g, "").split(/\s+/).filter(Boolean);
  const kept = words.slice(0, SNIPPET_WORDS).join(" ").replace(/[\s.,;:…]+$/, "");
  return words.length > SNIPPET_WORDS ? `${kept}…` : kept;
}

/**
 * What a turn like "what about September?", "and Okafor?" or a bare "In September?" adds to the previous
 * question; undefined for a turn that asks its own question.
 */
function ellipsisPayload(text: string): string | undefined {
  const payload = ELLIPSIS.exec(text)?.[1] ?? text.replace(LEAD, "").replace(/[\s?.!]+$/, "");
  if (!payload || QUESTION_START.test(payload) || payload.split(/\s+/).length > MAX_ELLIPSIS_WORDS) return undefined;
  return payload;
}

/**
 * The previous question with the date or names of "what about ..." swapped in. A name replaces the name
 * after the same preposition ("what about in Rio?" replaces "in Astana"), otherwise the first name, which
 * is usually the subject. Undefined when the payload says more than a date or names.
 */
function substitute(previous: string, payload: string, year: number): string | undefined {
  const dates = datesOf(payload, year);
  const names = findEntities(payload, year);
  let leftover = payload;
  for (const piece of [...dates.map((d) => d.text), ...names]) leftover = leftover.replace(piece, " ");
  if (!dates.length && !names.length) return undefined;
  if ((leftover.match(/[\p{L}\p{N}]+/gu) ?? []).some((word) => !FILLER.has(word.toLowerCase()))) return undefined;

  let out = previous;
  if (dates.length) {
    const old = datesOf(out, year)[0];
    out = old
      ? out.slice(0, old.index) + dates[0].text + out.slice(old.index + old.text.length)
      : withContext(out, [dates[0].text]);
  }
  if (names.length) {
    const said = names.join(" and ");
    const preposition = PREPOSITION.exec(payload.trim())?.[1];
    const olds = findEntities(out, year);
    const old = (preposition && olds.find((name) => new RegExp(`\\b${preposition}\\s+(?:the\\s+)?${escape(name)}`, "i").test(out))) ?? olds[0];
    out = old ? out.replace(old, said) : withContext(out, [said]);
  }
  return out;
}

/** The dates a text gives, without years that belong to a name ("Expo 2023", "Sprint-2023"). */
function datesOf(text: string, year: number) {
  const mentions = findDates(text, year);
  if (!mentions.some((m) => m.precision === "year")) return mentions;
  const names = findEntities(text, year);
  return mentions.filter((m) => m.precision !== "year" || !names.some((name) => name !== m.text && name.includes(m.text)));
}

/** "Who else attended (Lisbon, the audit, Oct. 4, 2023)?": the question with what it leaves unsaid. */
function withContext(question: string, carried: string[]): string {
  if (!carried.length) return question;
  const end = /[?.!]+\s*$/.exec(question)?.[0].trim() ?? "?";
  return `${question.replace(/[\s?.!]+$/, "")} (${carried.join(", ")})${end}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function findLastIndex<T>(list: T[], test: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return i;
  return -1;
}
