import { findDates } from "./find-dates.js";

/**
 * A period named by its distance from an event rather than by a date: "the week after the Kazan summit".
 * Only the words are read here; the caller finds when the anchor happened through its own search.
 */
export interface EventAnchor {
  /** The words read, as written ("two days before the election"). */
  text: string;
  index: number;
  relation: "before" | "after";
  /** How long the period runs from the event, when the words say ("the week after": 7 days). */
  span?: { days: number };
  /** The event the period hangs on, as written ("the Kazan summit"). */
  anchor: string;
}

const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, fortnight: 14, month: 30, year: 365 };
const COUNTS: Record<string, number> = {
  the: 1, a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, "a couple of": 2, "couple of": 2,
};
const COUNT = String.raw`(\d{1,3}|the|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a\s+)?couple\s+of|a\s+few|few|several|many)`;
const RELATION = String.raw`(before|after|following|prior\s+to|ahead\s+of|preceding|leading\s+up\s+to|in\s+the\s+run-up\s+to|in\s+the\s+wake\s+of|since|until|till)`;
/** "the week after", "two days before", "in the weeks following": a length, then the relation. */
const SPANNED = new RegExp(String.raw`\b(?:${COUNT}\s+)?(days?|weeks?|fortnights?|months?|years?)\s+${RELATION}\s+`, "gi");
/** "after the flood", "in the wake of the merger". */
const BARE = new RegExp(String.raw`\b${RELATION}\s+`, "gi");
const BEFORE = /^(before|prior|ahead|preceding|leading|in\s+the\s+run-up|until|till)/i;

// An anchor ends at punctuation or at the word that starts the rest of the clause.
const ANCHOR_END = /[?!.,;:()"“”]|\s(?:and|or|but|when|where|while|which|who|whom|whose|that|did|does|do|was|were|is|are|has|have|had|will|would|could|should|can|may|might|how|what|why|if|than|then|so)\b/i;
const DETERMINER = /^(?:the|a|an|this|that|these|those|his|her|their|its|our|my|your)\s+\S/i;
const PRONOUN = /^(?:I|it|he|she|they|we|you|that|this|then|there|which|what)\b/i;
const PREPOSITION = /^(?:in|on|at|during|of|for|from|to|by|between|around|about)\b/i;
const MAX_ANCHOR_WORDS = 8;

/** Every period named relative to an event, in order of appearance. Periods relative to dates ("after June") are left to findPeriods. */
export function findEventAnchors(text: string): EventAnchor[] {
  const found: EventAnchor[] = [];
  const taken: Array<[number, number]> = [];
  for (const pattern of [SPANNED, BARE]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (taken.some(([from, to]) => m!.index < to && m!.index + m![0].length > from)) continue;
      const anchor = anchorAt(text, m.index + m[0].length);
      if (!anchor) continue;
      const spanned = pattern === SPANNED;
      const relationWords = spanned ? m[3] : m[1];
      const end = m.index + m[0].length + anchor.length;
      found.push({
        text: text.slice(m.index, end),
        index: m.index,
        relation: BEFORE.test(relationWords) ? "before" : "after",
        ...(spanned ? spanOf(m[1], m[2]) : {}),
        anchor,
      });
      taken.push([m.index, end]);
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** "the week" is 7 days and "two days" 2; "the weeks" or "a few days" have no fixed length. */
function spanOf(count: string | undefined, unit: string): Pick<EventAnchor, "span"> {
  const days = UNIT_DAYS[unit.toLowerCase().replace(/s$/, "")];
  const plural = /s$/i.test(unit);
  if (count === undefined) return plural ? {} : { span: { days } };
  if (/^\d+$/.test(count)) return { span: { days: +count * days } };
  const n = COUNTS[count.toLowerCase().replace(/\s+/g, " ")];
  return n === undefined || (plural && n === 1) ? {} : { span: { days: n * days } };
}

/** The event named at `from`, as written: a noun phrase ("the flood", "the minister's visit"), not a date, a pronoun or a clause. */
function anchorAt(text: string, from: number): string | undefined {
  const rest = text.slice(from);
  const stop = ANCHOR_END.exec(rest);
  const phrase = (stop ? rest.slice(0, stop.index) : rest).trimEnd();
  if (!phrase || isDate(phrase)) return undefined;
  const words = [...phrase.matchAll(/\S+/g)];
  // A date inside the phrase ("the summit in 2024") ends it before its preposition.
  const dated = words.findIndex((w, i) => i > 0 && PREPOSITION.test(w[0]) && startsWithDate(phrase.slice(w.index + w[0].length).trim()));
  const kept = words.slice(0, Math.min(dated > 0 ? dated : words.length, MAX_ANCHOR_WORDS));
  const last = kept[kept.length - 1];
  const anchor = phrase.slice(0, last.index + last[0].length);
  if (PRONOUN.test(anchor) && !DETERMINER.test(anchor)) return undefined;
  return DETERMINER.test(anchor) || /^\p{Lu}/u.test(anchor) ? anchor : undefined;
}

function startsWithDate(phrase: string): boolean {
  const [first] = findDates(phrase.replace(/^the\s+/i, ""), 2000);
  return first?.index === 0;
}

/** "June", "the first week of July", "the 1980s in Europe": a date, perhaps with a phrase after it, but not "the June summit". */
function isDate(anchor: string): boolean {
  const phrase = anchor.replace(/^the\s+/i, "");
  const [first] = findDates(phrase, 2000);
  if (!first || first.index !== 0) return false;
  const after = phrase.slice(first.text.length).trim();
  return !after || PREPOSITION.test(after);
}
