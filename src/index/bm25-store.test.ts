import { describe, expect, it } from "vitest";
import type { Chunk } from "./chunk.js";
import { Bm25Store } from "./bm25-store.js";
import { terms } from "../text/terms.js";

const chunk = (id: string, text: string): Chunk => ({ id, doc: "d.md", kind: "article", text, position: 0 });
const chunks = [chunk("a", "The patrol left the harbour at dawn."), chunk("b", "The petrol price rose again in March.")];
const store = Bm25Store.build(chunks);
const vocabulary = new Set(chunks.flatMap((c) => terms(c.text)));
const known = (term: string) => vocabulary.has(term);
const ids = (query: string) => store.search(query, 5, known).map((hit) => hit.id);

describe("BM25 store", () => {
  it("finds a misspelled long word by the word one letter away", () => {
    expect(ids("patrok")).toEqual(["a"]);
  });

  it("matches a word the documents use only as itself, not as its neighbours", () => {
    // "patrol" and "petrol" are one letter apart; both are real words of these documents.
    expect(ids("patrol")).toEqual(["a"]);
    expect(ids("petrol")).toEqual(["b"]);
  });

  it("leaves short words unmatched unless exact", () => {
    expect(ids("dawm")).toEqual([]);
  });
});
