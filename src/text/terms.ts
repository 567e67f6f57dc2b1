import { createHash } from "node:crypto";
import { stemmer } from "stemmer";
import { eng } from "stopword";
import type { Chunk } from "../index/chunk.js";

// Question words too: "When When When When" asks nothing, and "when" in a passage answers nothing by itself.
const STOPWORDS = new Set([...eng, "did", "does", "happened", "happen", "took", "place", "according", "chronology", "corpus", "during", "also", "whose", "tell",
  "what", "when", "where", "which", "who", "whom", "why", "how", "whats", "hows", "wheres", "whos"]);

// Words, and numbers written with thousands separators or decimals ("90,000", "2.5").
const WORD = /[\p{L}\p{N}]+(?:[.,]\p{N}+)*/gu;

// Common abbreviations that questions spell out: each also indexes the words it stands for.
const EXPANSIONS: Record<string, string[]> = {
  FM: ["foreign", "minister"],
  PM: ["prime", "minister"],
  UN: ["united", "nations"],
  US: ["united", "states"],
  EU: ["european", "union"],
  FMs: ["foreign", "ministers"],
};

// British spellings read as American ones; a people's name as its country's ("the Danish minister" finds
// "Denmark's minister"): general English, so either spelling finds the other.
const SPELLING: Record<string, string> = {
  russian: "russia", russians: "russia", chinese: "china", ukrainian: "ukraine", ukrainians: "ukraine",
  belarusian: "belarus", brazilian: "brazil", indian: "india", iranian: "iran", japanese: "japan",
  korean: "korea", polish: "poland", german: "germany", french: "france", british: "britain", syrian: "syria", israeli: "israel", kazakh: "kazakhstan", canadian: "canada", pakistani: "pakistan", egyptian: "egypt",
  american: "america", americans: "america", turkish: "turkey", laotian: "laos", mongolian: "mongolia",
  uzbek: "uzbekistan", kyrgyz: "kyrgyzstan", tajik: "tajikistan", afghan: "afghanistan", vietnamese: "vietnam",
  filipino: "philippines", philippine: "philippines", taiwanese: "taiwan", european: "europe", african: "africa", asian: "asia",
  defence: "defense", travelled: "traveled", travelling: "traveling", programme: "program", centre: "center",
  organisation: "organization", organisations: "organizations", labour: "labor", neighbour: "neighbor",
  neighbouring: "neighboring", favour: "favor", honour: "honor", honoured: "honored", harbour: "harbor",
  militarisation: "militarization", modernisation: "modernization", recognise: "recognize", recognised: "recognized",
  criticise: "criticize", criticised: "criticized", emphasise: "emphasize", emphasised: "emphasized",
  authorise: "authorize", authorised: "authorized", organise: "organize", organised: "organized", analyse: "analyze",
};

// "-ised" words whose "-ized" spelling is the American one: only after these letter pairs, which
// leaves "exercised", "promised", "advised", "raised", "revised" alone.
const BRITISH_ISE = /(al|ar|rn|an|gn|it|il|ol|ic|or|im|ot|on|ph|as|er|ur)is(e|es|ed|ing|ation|ations)$/;

/** The words of a text, as written, each abbreviation followed by the words it stands for. */
export function tokenize(text: string): string[] {
  const words = text.match(WORD) ?? [];
  return words.flatMap((word) => (EXPANSIONS[word] ? [word, ...EXPANSIONS[word]] : [word]));
}

/**
 * The index form of one word, or null for a stopword: lower case, accents and possessives dropped,
 * digits kept whole without separators, English words stemmed. An all-capitals acronym ("US", "UN")
 * is never a stopword, even when its lower-case form is one.
 */
export function normalizeTerm(word: string): string | null {
  const acronym = word.length >= 2 && word === word.toUpperCase() && /\p{Lu}/u.test(word);
  const folded = word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/['’]s$/, "");
  const spelled = SPELLING[folded] ?? folded.replace(BRITISH_ISE, "$1iz$2");
  const lower = spelled;
  if (/^\p{N}[\p{N}.,]*$/u.test(lower)) return lower.replace(/,/g, "");
  if (!acronym && STOPWORDS.has(lower)) return null;
  if (lower.length < 2 && !acronym) return null;
  return acronym ? lower : stemmer(lower);
}

/** Index terms of a text, in order, stopwords removed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of tokenize(text)) {
    const term = normalizeTerm(word);
    if (term) out.push(term);
  }
  return out;
}

/** Index terms of the headings above a chunk, its own section first. */
export function headingTerms(chunk: Pick<Chunk, "section" | "headings">): string[] {
  return terms([chunk.section ?? "", ...(chunk.headings ?? [])].join(" "));
}

/**
 * Identifies this text analysis: the word tables and rules above. An index built under another analysis
 * would match words differently, so a change here means a rebuild.
 */
export const ANALYZER_ID = createHash("sha1")
  .update(JSON.stringify([[...STOPWORDS], EXPANSIONS, SPELLING, BRITISH_ISE.source, WORD.source, stemmer("generalizations")]))
  .digest("hex")
  .slice(0, 12);
