import { findDates, type DateMention } from "../dates/index.js";
import { terms, tokenize } from "../text/terms.js";

/** What kind of answer a question wants. */
export type Intent = "timeline" | "count" | "first" | "last" | "when" | "who" | "where" | "general";

/** What retrieval and answering need to know about a question. */
export interface QuestionAnalysis {
  text: string;
  intent: Intent;
  /** Date expressions, resolved against the corpus's main year. */
  dates: DateMention[];
  /** Mentions that narrow to days, months or seasons: the ones that steer retrieval. */
  periods: DateMention[];
  /** Index terms (stemmed, stopwords removed), without the words of date expressions. */
  terms: string[];
  /** Capitalized names and numbers as written: matched verbatim in chunks. */
  keywords: string[];
  /** For "how many X ..." questions, the X ("joint bomber patrols", "times"). */
  countNoun?: string;
}

const TIMELINE = /\b(what|which)\b.*\b(happen(ed|ing)?|took place|occur(red)?|events|activities|went on)\b|\b(list|timeline|chronolog(y|ical))\b|\bwhich\b.*\b(meetings|visits|exercises|drills|patrols|talks|summits|trips)\b/i;
const COUNT = /\bhow many (times|joint|meetings|visits|exercises|drills|patrols|rounds|summits|trips)\b|\bhow often\b|\bnumber of times\b/i;
const FIRST = /\b(first|earliest|initial)\b/i;
const LAST = /\b(last|latest|final|most recent)\b/i;
// "What was the earliest event ...", "the last entry": a question about order, not about a "first-ever" event.
const ORDINAL_SUBJECT = /\b(first|earliest|last|latest|final|most recent)\s+(\w+\s+){0,3}(event|entry|item|thing|development|meeting|visit|exercise|patrol|drill|one)s?\b/i;
const WHEN = /\b(when|what date|which date|what day|which day|what month|which month)\b/i;
const WHO = /^\s*(who|whom|whose)\b|\b(which|what) (\w+ )?(official|minister|leader|person|president|envoy|commander|academic|scholar|expert|professor|analyst|general|admiral|diplomat|spokesman|spokesperson|representative|ambassador|secretary|premier|chairman|delegate|journalist|politician|officer|chief|head)s?\b/i;
const WHERE = /^\s*where\b|\bin which (city|country|place|port|sea)\b|\bwhat (city|country|place|port|location)\b/i;

// "How many" then the thing counted, up to the verb or preposition that follows it (at most four words).
const COUNT_NOUN = /\bhow many\s+((?:[\w’'-]+\s+){0,3}?[\w’'-]+?)(?:\s+(?:did|do|does|were|was|are|is|have|has|had|took|take|takes|sent|send|went|go|came|come|made|make|met|meet|held|hold|gave|flew|fly|joined|join|attended|attend|signed|sign|took|in|during|between|since|by|at|on|of|for|from|to|with|that|who|which|\w+ed)\b|\s*[?.!,]|$)/i;

const QUESTION_WORDS = new Set(["What", "When", "Who", "Whom", "Whose", "Where", "Which", "How", "Why", "Did", "Does", "Do", "Is", "Are", "Was", "Were", "In", "On", "At", "List", "Tell", "Give", "Name", "Between", "During", "After", "Before", "And", "The", "A", "An"]);

/** Reads intent, dates, terms and names from a question. `year` fills in dates written without one. */
export function analyzeQuestion(text: string, year: number): QuestionAnalysis {
  const dates = findDates(text, year);
  const withoutDates = dates.reduceRight((rest, m) => rest.slice(0, m.index) + " " + rest.slice(m.index + m.text.length), text);
  return {
    text,
    intent: intentOf(text, dates.length > 0),
    dates,
    periods: dates.filter((m) => m.precision !== "year"),
    terms: terms(withoutDates),
    keywords: tokenize(withoutDates).filter((word) => /^\p{Lu}/u.test(word) ? !QUESTION_WORDS.has(word) : /^\p{N}/u.test(word)),
    // The words after "how many" up to the verb or preposition: "how many joint bomber patrols were ...".
    countNoun: COUNT_NOUN.exec(text)?.[1],
  };
}

function intentOf(text: string, dated: boolean): Intent {
  if (COUNT.test(text)) return "count";
  const when = WHEN.test(text);
  const ordinal = ORDINAL_SUBJECT.test(text);
  if (FIRST.test(text) && ordinal) return "first";
  if (LAST.test(text) && ordinal) return "last";
  if (TIMELINE.test(text) && (dated || /\b(list|timeline|which)\b/i.test(text))) return "timeline";
  if (when) return "when";
  if (WHO.test(text)) return "who";
  if (WHERE.test(text)) return "where";
  return "general";
}
