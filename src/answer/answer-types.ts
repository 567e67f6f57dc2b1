import type { Chunk } from "../index/chunk.js";
import type { AnswerType, QuestionAnalysis } from "../retrieve/question.js";
import type { SentenceFacts } from "./chunk-facts.js";
import { personNames } from "./person-names.js";

// A sum of money: a currency sign or code by a figure ("£41.6 million", "USD 40"), or a figure and a currency's name ("40 euros").
const MONEY = /[$¥€£₹]\s?\d|\b(?:usd|eur|gbp|chf|jpy|cny|rmb|sek|nok|dkk|cad|aud)\s?\d|\d(?:[\d,.]*)\s*(?:thousand|million|billion|trillion|[mbk]n?)?\s*(?:dollars?|euros?|pounds?|pence|yuan|renminbi|roubles?|rubles?|yen|francs?|rupees?|kron[ae]r?|krona|cents?|usd|eur|gbp)\b/i;
const TIME_OF_DAY = /\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?)(?![\p{L}])|\b(?:noon|midday|midnight|o[’']clock)\b/iu;
// A capitalized word after a preposition of place: "in Lisbon", "at the Graz office", "near Harbour Point".
const PLACE = /\b(?:in|at|from|near|to|into|across|outside|inside|throughout|between|via|of)\s+(?:the\s+)?(\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+)*)/gu;

/**
 * Whether a sentence holds something of the type the question asks for that the question does not
 * already say: a date for "when", a time of day for "what time", a sum for "how much does it cost", a
 * number for "how many", a person's name for "who", a name of any kind for "which manager", a named
 * place for "where".
 */
export function holdsAnswerType(type: AnswerType, sentence: SentenceFacts, question: QuestionAnalysis, chunkDated = false): boolean {
  const asked = question.text.toLowerCase();
  const fresh = (text: string) => !asked.includes(text.toLowerCase());
  switch (type) {
    case "date":
      // A dated entry (a chronology line, a bullet under a dated heading) carries its date for each of its sentences.
      return chunkDated || sentence.dates.some((d) => fresh(d.text));
    case "time":
      return TIME_OF_DAY.test(sentence.text);
    case "money":
      return MONEY.test(sentence.text) && sentence.quantities.some((q) => fresh(q.value));
    case "number":
      return sentence.quantities.some((q) => fresh(q.value));
    case "person":
      return namesIn(sentence).people.some(fresh);
    case "name":
      return namesIn(sentence).people.some(fresh) || namesIn(sentence).proper.some(fresh);
    case "place":
      return namesIn(sentence).places.some(fresh) || namesIn(sentence).people.some(fresh);
    case "any":
      return true;
  }
}

/** Whether a chunk carries a date of its own that the question does not already say (a chronology line, a dated bullet). */
export function carriesFreshDate(chunk: Chunk, question: QuestionAnalysis): boolean {
  return Boolean(chunk.date && chunk.dateLabel && !question.text.includes(chunk.dateLabel));
}

interface SentenceNames {
  people: string[];
  proper: string[];
  places: string[];
}

// A sentence's names do not depend on the question: found once a sentence, not once a question.
const names = new WeakMap<SentenceFacts, SentenceNames>();

function namesIn(sentence: SentenceFacts): SentenceNames {
  let found = names.get(sentence);
  if (!found) {
    found = { people: personNames(sentence.text), proper: properNouns(sentence.text), places: [...sentence.text.matchAll(PLACE)].map((m) => m[1]!) };
    names.set(sentence, found);
  }
  return found;
}

/** Capitalized words after a sentence's first: the names a sentence holds ("Bitwarden", "Deskly", "Linux"). */
function properNouns(text: string): string[] {
  const words = text.match(/[\p{L}][\p{L}\p{N}’'-]*/gu) ?? [];
  return words.slice(1).filter((word) => /^\p{Lu}/u.test(word) && !NOT_NAMES.has(word));
}

// Capitalized words that are no names: pronouns and words a heading or list item may start with.
const NOT_NAMES = new Set(["I", "The", "A", "An", "This", "That", "These", "Those", "It", "We", "You", "They", "He", "She", "Our", "Your", "Their"]);
