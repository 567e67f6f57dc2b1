import MiniSearch, { type Options, type SearchOptions } from "minisearch";
import type { Chunk } from "./chunk.js";
import { normalizeTerm, tokenize } from "../text/terms.js";

/** A ranked hit: chunk id and score, best first. */
export interface Hit {
  id: string;
  score: number;
}

type Indexed = Pick<Chunk, "id" | "text" | "section" | "dateLabel">;

// The same options must be given when a saved index is loaded, so they live here once.
const OPTIONS: Options<Indexed> = {
  fields: ["text", "section", "dateLabel"],
  tokenize,
  processTerm: (term) => normalizeTerm(term) ?? null,
  searchOptions: {
    boost: { text: 1, section: 0.3, dateLabel: 0.5 },
    // Typos in long words still match; short words must match exactly.
    fuzzy: (term) => (term.length >= 6 ? 0.15 : false),
    prefix: false,
    combineWith: "OR",
  },
};

/** BM25 over chunk text, through MiniSearch; serializable to JSON. */
export class Bm25Store {
  private constructor(private readonly search_: MiniSearch<Indexed>) {}

  static build(chunks: Chunk[]): Bm25Store {
    const index = new MiniSearch<Indexed>(OPTIONS);
    index.addAll(chunks.map(({ id, text, section, dateLabel }) => ({ id, text, section, dateLabel })));
    return new Bm25Store(index);
  }

  static fromJSON(json: string): Bm25Store {
    return new Bm25Store(MiniSearch.loadJSON<Indexed>(json, OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.search_);
  }

  /**
   * The best `k` chunks for the query. A word of six letters or more that no chunk uses (`known` says
   * which) also matches words one letter away, to rescue a typo; a word the documents use matches only
   * itself: it is not misspelled, and searching the whole vocabulary for its neighbours was the slowest
   * part of a search.
   */
  search(query: string, k: number, known?: (term: string) => boolean): Hit[] {
    const options: SearchOptions | undefined = known ? { fuzzy: (term) => (term.length >= 6 && !known(term) ? 0.15 : false) } : undefined;
    return this.search_
      .search(query, options)
      .slice(0, k)
      .map((result) => ({ id: String(result.id), score: result.score }));
  }
}
