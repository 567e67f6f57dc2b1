import type { DateRange } from "../index/chunk.js";
import { addDays, findDates, findEventAnchors, findPeriods, OPEN_END, OPEN_START, type DateMention, type PeriodMention } from "../dates/index.js";
import type { Spelling } from "../text/spelling.js";
import { terms, tokenize } from "../text/terms.js";

/** What kind of answer a question wants. */
export type Intent = "timeline" | "count" | "first" | "last" | "when" | "who" | "where" | "describe" | "general";

/** The type of thing that answers the question: a sentence that holds none is unlikely to answer it. */
export type AnswerType = "date" | "time" | "money" | "number" | "person" | "name" | "place" | "any";

/** What retrieval and answering need to know about a question. */
export interface QuestionAnalysis {
  /** The question as typed. */
  text: string;
  /** What retrieval searches for: misspellings corrected, the profile's synonyms applied, a request's framing ("Tell me about") dropped. */
  query: string;
  intent: Intent;
  answerType: AnswerType;
  /** Date expressions, resolved against the corpus's main year. */
  dates: DateMention[];
  /** The periods the question asks about ("in June", "before June", "the week after the launch"): they steer retrieval and select timeline items. */
  periods: PeriodMention[];
  /** Index terms of the query (stemmed, stopwords removed), without the words of date expressions. */
  terms: string[];
  /** Capitalized names and numbers as written: matched verbatim in chunks. */
  keywords: string[];
  /** For "how many X ..." questions, the X ("joint bomber patrols", "times"). */
  countNoun?: string;
  /** Words the corpus does not use, replaced by the nearest it does: [typed, corrected]. */
  corrections: Array<[string, string]>;
}

/** What analysis reads from the corpus: its main year, its words, the profile's synonyms. */
export interface QuestionContext {
  year: number;
  spelling?: Spelling;
  synonyms?: Record<string, string>;
  /** When an event the question names happened ("the spring audit"), from the corpus's timeline. */
  eventDate?: (words: string) => DateRange | undefined;
}

// "What happened ...", "which events ...": a question about what the timeline holds.
const EVENTS = /\b(what|which)\b.*\b(happen(ed|ing|s)?|took place|take place|occur(red|s)?|events?|activities|went on|was going on|changed|changes)\b/i;
// The same asked without a question word, as people type into a search box: "events in Q3 2023",
// "anything happen between November and December?".
const EVENTS_BARE = /\b(events?|happen(ed|ing|s)?|took place|occur(red|s)?|activities|developments|news|going on)\b/i;
const OTHER_QUESTION = /\b(who|whom|whose|where|why|how)\b/i;
// "List ...", "the timeline of ...": a request for the timeline itself, unless the question asks for one fact.
const LIST = /\b(list|timeline|chronolog(y|ical)|releases|milestones)\b/i;
const COUNT = /\bhow many\b|\bhow often\b|\bnumber of times\b/i;
const FIRST = /\b(first|earliest|initial|oldest)\b/i;
const LAST = /\b(last|latest|final|most recent|newest)\b/i;
// "What was the earliest event ...", "the last entry": a question about order, not about a "first-ever" event.
const ORDINAL_SUBJECT = /\b(first|earliest|oldest|last|latest|newest|final|most recent)\s+(\w+\s+){0,3}(event|entry|item|thing|development|milestone|release|change|one)s?\b|\b(first|last)\s+(thing|time)\b/i;
const WHEN = /\b(when|what date|which date|what day|which day|what month|which month|what year|which year|how long ago)\b/i;
const TIME_OF_DAY = /\b(what|which) time\b|\btime of (the )?day\b|\bat what hour\b|\bwhat hours?\b|\bopening hours\b|\bopen(s|ing)? (at|until|till)\b/i;
// A sum of money: "how much does it cost", "what was the budget", "how much did they spend".
const MONEY = /\bhow much\b.*\b(cost|costs|costing|pay|pays|paid|spend|spends|spent|charge|charges|charged|price|priced|budget|worth|earn|earns|earned|raise|raised|fine|fined|fee|fees|revenue|salary|owe|owed|save|saved)\b|\bhow much (money|funding|cash)\b|\bwhat (was |is |were |are )?(the )?(price|cost|fee|salary|budget|fine|revenue|turnover)\b/i;
const NUMBER = /\bhow (many|much|large|big|long|far|often|old|high|tall|fast|heavy)\b|\bwhat (age|percentage|percent|share|proportion|number|amount|size|portion|price|cost|fee|rate|limit|total)\b|\bnumber of\b/i;
const WHO = /^\s*(who|whom|whose)\b|\b(which|what) (\w+ )?(person|people|official|minister|leader|president|head|chief|director|manager|lead|engineer|officer|member|author|founder|chair|chairman|chairwoman|spokesperson|spokesman|representative|ambassador|scientist|team)s?\b|\bwho\b/i;
const WHERE = /^\s*where\b|\bin (which|what) (city|country|town|place|region|state|province|building|office|room|port|location)\b|\bwhat (city|country|town|place|region|location|address)\b|\bwhere\b/i;
// A request rather than a question: "Describe ...", "Tell me about ...", "Summarize ...".
const REQUEST = /^\s*(?:(?:please|ok(?:ay)?|so|now)[\s,]+)?(?:(?:can|could|would|will) you\s+)?(?:please\s+)?(?:describe|summari[sz]e|explain|outline|overview(?: of)?|give (?:me )?(?:an? )?(?:overview|summary|rundown|description|outline) of|tell me (?:more )?about|tell me|what do you know about|what can you tell me about|(?:more )?info(?:rmation)? (?:on|about)|talk about|details (?:of|on|about))\b[\s:,]*/i;
// Prepositions that make a bare year the period asked about ("in 2023"), not part of a name ("Expo 2023").
const PERIOD_LEAD = /\b(in|during|of|since|before|after|by|until|till|between|from|through|throughout|and|to|for)\s+(the\s+)?(year\s+)?$/i;

const PERIOD_WORD = /^(in|during|of|throughout|for)\s/i;

// "How many" then the thing counted, up to the verb or preposition that follows it (at most four words).
const COUNT_NOUN = /\bhow many\s+((?:[\w’'-]+\s+){0,3}?[\w’'-]+?)(?:\s+(?:did|do|does|were|was|are|is|have|has|had|took|take|takes|sent|send|went|go|came|come|made|make|met|meet|held|hold|gave|flew|fly|joined|join|attended|attend|signed|sign|in|during|between|since|by|at|on|of|for|from|to|with|that|who|which|can|could|will|would|should|may|must|\w+ed)\b|\s*[?.!,]|$)/i;

const QUESTION_WORDS = new Set(["What", "When", "Who", "Whom", "Whose", "Where", "Which", "How", "Why", "Did", "Does", "Do", "Is", "Are", "Was", "Were", "Can", "Could", "Will", "Would", "Should", "In", "On", "At", "List", "Tell", "Give", "Name", "Describe", "Summarize", "Summarise", "Explain", "Please", "Between", "During", "After", "Before", "And", "The", "A", "An", "I", "My", "We", "Our"]);

/** Reads intent, answer type, dates, terms and names from a question, in the corpus's terms. */
export function analyzeQuestion(text: string, context: QuestionContext): QuestionAnalysis {
  const framing = REQUEST.exec(text);
  const rest = framing ? text.slice(framing[0].length) : text;
  // "Tell me when the office opens" is a question in a request's clothes.
  const request = Boolean(framing) && !/^\s*(who|whom|whose|what|when|where|which|why|how)\b/i.test(rest);
  const { query, corrections } = interpret(rest, context);
  const dates = findDates(query, context.year);
  const anchored = anchoredPeriods(query, context);
  const spans = [...dates, ...anchored];
  const withoutDates = spans.sort((a, b) => a.index - b.index).reduceRight((rest, m) => rest.slice(0, m.index) + " " + rest.slice(m.index + m.text.length), query);
  const intent = intentOf(request ? text : rest, spans.length > 0, request);
  const listy = intent === "timeline" || intent === "count" || intent === "first" || intent === "last";
  // A year steers only when the question asks about it as a period ("in 2023", "before 2020"), not as part of a name.
  const periods = findPeriods(query, context.year).filter((p) =>
    p.precision !== "year" || p.relation !== "in" || (listy && (p.index === 0 || PERIOD_WORD.test(p.text) || PERIOD_LEAD.test(query.slice(0, p.index)))));
  return {
    text,
    query,
    intent,
    answerType: answerTypeOf(text, intent),
    dates,
    periods: [...periods, ...anchored],
    terms: terms(withoutDates),
    keywords: tokenize(withoutDates).filter((word) => /^\p{Lu}/u.test(word) ? !QUESTION_WORDS.has(word) : /^\p{N}/u.test(word)),
    countNoun: COUNT_NOUN.exec(query)?.[1] ?? COUNT_NOUN.exec(text)?.[1],
    corrections,
  };
}

/** "The week after the spring audit": the days after (or before) an event the timeline dates. */
function anchoredPeriods(query: string, context: QuestionContext): PeriodMention[] {
  if (!context.eventDate) return [];
  const periods: PeriodMention[] = [];
  for (const anchor of findEventAnchors(query)) {
    const event = context.eventDate(anchor.anchor);
    if (!event) continue;
    const days = anchor.span?.days;
    const range = anchor.relation === "after"
      ? { start: addDays(event.end, 1), end: days ? addDays(event.end, days) : OPEN_END }
      : { start: days ? addDays(event.start, -days) : OPEN_START, end: addDays(event.start, -1) };
    periods.push({ range, text: anchor.text, index: anchor.index, precision: "day", relation: anchor.relation, explicitYear: true });
  }
  return periods;
}

/** The question in the corpus's own words: synonyms from the profile, then misspellings corrected. */
function interpret(text: string, context: QuestionContext): { query: string; corrections: Array<[string, string]> } {
  const corrections: Array<[string, string]> = [];
  const synonyms = context.synonyms ?? {};
  const lowerSynonyms = new Map(Object.entries(synonyms).map(([from, to]) => [from.toLowerCase(), to]));
  const query = text.replace(/\p{L}[\p{L}\p{N}'’-]*/gu, (word) => {
    const synonym = synonyms[word] ?? lowerSynonyms.get(word.toLowerCase());
    if (synonym) return synonym;
    const corrected = context.spelling?.correct(word);
    if (!corrected) return word;
    corrections.push([word, corrected]);
    return /^\p{Lu}/u.test(word) ? corrected.charAt(0).toUpperCase() + corrected.slice(1) : corrected;
  });
  return { query, corrections };
}

function intentOf(text: string, dated: boolean, request: boolean): Intent {
  const ordinal = ORDINAL_SUBJECT.test(text);
  if (FIRST.test(text) && ordinal) return "first";
  if (LAST.test(text) && ordinal) return "last";
  if (COUNT.test(text) && !/\bhow much\b/i.test(text)) return "count";
  if (EVENTS.test(text) && (dated || LIST.test(text))) return "timeline";
  if (dated && EVENTS_BARE.test(text) && !OTHER_QUESTION.test(text) && !WHEN.test(text)) return "timeline";
  if (request) return dated ? "timeline" : "describe";
  if (WHEN.test(text)) return "when";
  if (WHO.test(text)) return "who";
  if (WHERE.test(text)) return "where";
  if (NUMBER.test(text)) return "general";
  if (LIST.test(text) || (EVENTS.test(text) && dated)) return "timeline";
  return "general";
}

function answerTypeOf(text: string, intent: Intent): AnswerType {
  if (TIME_OF_DAY.test(text)) return "time";
  if (intent === "when") return "date";
  if (intent !== "count" && MONEY.test(text)) return "money";
  if (intent === "count" || NUMBER.test(text)) return "number";
  // "Who ..." wants a person; "which manager / which team ..." wants a name, which may be a tool's or a team's.
  if (intent === "who") return /\bwho(?:m|se)?\b/i.test(text) ? "person" : "name";
  if (intent === "where") return "place";
  return "any";
}
