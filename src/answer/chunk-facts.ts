import type { Chunk } from "../index/chunk.js";
import { splitSentences } from "../index/sentences.js";
import { findDates, findPeriods, type DateMention, type PeriodMention } from "../dates/index.js";
import { terms } from "../text/terms.js";
import { quantities, type Quantity } from "./quantities.js";

/** What answering reads from one sentence, worked out once. */
export interface SentenceFacts {
  text: string;
  terms: Set<string>;
  /** The same terms in order, for phrase matches. */
  termList: string[];
  dates: DateMention[];
  /** The periods the sentence speaks of, spans read whole: "from November to March" is one, into the next year. */
  periods: PeriodMention[];
  quantities: Quantity[];
}

/** What answering reads from one chunk, worked out once per chunk and kept while the chunk lives. */
export interface ChunkFacts {
  sentences: SentenceFacts[];
  /** Terms of the text. */
  textTerms: Set<string>;
  /** Terms of the text and its section title. */
  terms: Set<string>;
}

const cache = new WeakMap<Chunk, ChunkFacts>();

/**
 * The sentences, terms, dates and quantities of a chunk. Chunks never change once indexed, and every
 * question reads the same few dozen of them, so this is computed once instead of on every answer.
 */
export function chunkFacts(chunk: Chunk, year: number): ChunkFacts {
  let facts = cache.get(chunk);
  if (!facts) {
    const textTerms = new Set(terms(chunk.text));
    facts = {
      sentences: splitSentences(chunk.text).map((text) => {
        const termList = terms(text);
        const dates = findDates(text, year);
        return {
          text,
          terms: new Set(termList),
          termList,
          dates,
          periods: findPeriods(text, year, dates),
          quantities: quantities(text, year),
        };
      }),
      textTerms,
      terms: chunk.section ? new Set([...textTerms, ...terms(chunk.section)]) : textTerms,
    };
    cache.set(chunk, facts);
  }
  return facts;
}
