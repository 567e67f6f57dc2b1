/**
 * The words the chat and the page use about the corpus, all built from the server's description
 * (GET /api/corpus). Before it arrives, or when it cannot be had, they fall back to wording true of any
 * corpus: nothing here may name a subject, a year or a document of its own.
 */
import { formatPeriod } from "./format.js";
import type { CorpusInfo } from "./types.js";

/** What is said of the documents while the description loads or when it failed. */
export const NEUTRAL_INTRO = "Ask a question about these documents.";

/** The page's title before the corpus names itself. */
export const NEUTRAL_TITLE = "Chronicle";

/** Suggestions an empty chat offers: a few, so they fit a small panel above the box. */
export const MAX_SUGGESTIONS = 4;

/** Sample questions a refusal offers instead: fewer, under an answer. */
export const MAX_REFUSAL_SUGGESTIONS = 2;

const CITES = "Every answer cites the passages it comes from.";

/** The empty chat's first line: the corpus's description, then the promise every answer keeps. */
export function introText(corpus: CorpusInfo | undefined): string {
  return `${sentence(corpus?.description) ?? NEUTRAL_INTRO} ${CITES}`;
}

/** The questions an empty chat offers, one click each. */
export function suggestedQuestions(corpus: CorpusInfo | undefined, max = MAX_SUGGESTIONS): string[] {
  return corpus?.sampleQuestions.slice(0, max) ?? [];
}

/**
 * Under a refusal: what Chronicle answers from, and what to try instead. The sample questions themselves
 * follow it as buttons (see `suggestedQuestions`); without any, it says what kind of question works.
 */
export function refusalHint(corpus: CorpusInfo | undefined): string {
  if (!corpus) return "Chronicle only answers from its documents. Try asking about something they cover: an event, a name, a date.";
  const n = corpus.counts.documents;
  const documents = n === 1 ? "its one document" : `its ${n} documents`;
  const period = corpus.coverage ? ` (dated entries: ${formatPeriod(corpus.coverage)})` : "";
  const instead = corpus.sampleQuestions.length > 0 ? "Try one of these:" : "Try asking about something they cover: an event, a name, a date.";
  return `Chronicle only answers from ${documents}${period}. ${instead}`;
}

/** The timeline's heading, naming the period its entries cover: "Timeline, May–December 2021". */
export function timelineHeading(corpus: CorpusInfo | undefined): string {
  return corpus?.coverage ? `Timeline, ${formatPeriod(corpus.coverage)}` : "Timeline";
}

/** The page's line under its title: the corpus's description, and the promise every answer keeps. */
export function pageSubtitle(corpus: CorpusInfo | undefined): string {
  return `${sentence(corpus?.description) ?? "Ask a question about these documents, or read their timeline."} Every answer cites its sources.`;
}

/** A description ends as a sentence, whatever the profile's author wrote. */
function sentence(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
