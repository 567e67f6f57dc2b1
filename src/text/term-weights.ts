import type { Chunk } from "../index/chunk.js";
import { headingTerms, terms } from "./terms.js";

/** How informative each term is in this corpus (inverse document frequency), and how well a text covers a question. */
export interface TermWeights {
  idf(term: string): number;
  /** Whether any chunk's text contains the term. */
  known(term: string): boolean;
  /**
   * Whether the documents use the term or a word of its family anywhere, headings included: a word of
   * the family begins with the other, both at least `FAMILY_STEM` letters long ("member" and
   * "membership", "organis" and "organisation"). The stemmer removes inflections only, so derived words
   * would otherwise count as unknown.
   */
  knownFamily(term: string): boolean;
  /** IDF-weighted share (0-1) of `questionTerms` that occur in `text`. */
  coverage(questionTerms: string[], text: string | Set<string>): number;
  /** `coverage` of many texts for the same terms: the terms' weights are summed once, not once a text. */
  coverageOf(questionTerms: string[]): (text: string | Set<string>) => number;
}

// Shorter stems share a beginning by chance too often ("car" and "cargo").
const FAMILY_STEM = 5;

export function createTermWeights(chunks: Chunk[]): TermWeights {
  const df = new Map<string, number>();
  for (const chunk of chunks) for (const term of new Set(terms(chunk.text))) df.set(term, (df.get(term) ?? 0) + 1);
  // A word the documents use only in headings ("ONBOARDING" above a numbered list) is still theirs:
  // retrieval searches headings too, and a question about it must not be refused as foreign. The
  // measures of a passage (`known`, `idf`) stay with what passages say.
  const vocabulary = new Set(df.keys());
  for (const chunk of chunks) for (const term of headingTerms(chunk)) vocabulary.add(term);
  const n = chunks.length;
  const idf = (term: string) => Math.log(1 + n / ((df.get(term) ?? 0) + 0.5));
  return {
    idf,
    known: (term) => df.has(term),
    knownFamily(term) {
      if (vocabulary.has(term)) return true;
      if (term.length < FAMILY_STEM) return false;
      for (const word of vocabulary) {
        if (word.length >= FAMILY_STEM && (word.startsWith(term) || term.startsWith(word))) return true;
      }
      return false;
    },
    coverage: (questionTerms, text) => coverageOf(questionTerms)(text),
    coverageOf,
  };

  function coverageOf(questionTerms: string[]): (text: string | Set<string>) => number {
    const weighted = [...new Set(questionTerms)].map((term) => ({ term, weight: idf(term) }));
    const total = weighted.reduce((sum, { weight }) => sum + weight, 0);
    return (text) => {
      if (total === 0) return 0;
      const present = typeof text === "string" ? new Set(terms(text)) : text;
      let covered = 0;
      for (const { term, weight } of weighted) if (present.has(term)) covered += weight;
      return covered / total;
    };
  }
}
