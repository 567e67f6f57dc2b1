import { describe, expect, it } from "vitest";
import { normalizeTerm, terms, tokenize } from "./terms.js";

describe("terms", () => {
  it("stems, drops stopwords and keeps numbers whole", () => {
    expect(terms("The bombers patrolled near Alaska with 90,000 troops")).toEqual(["bomber", "patrol", "near", "alaska", "90000", "troop"]);
  });

  it("keeps acronyms that look like stopwords and expands abbreviations", () => {
    expect(normalizeTerm("IT")).toBe("it");
    expect(normalizeTerm("it")).toBeNull();
    expect(tokenize("Ukrainian FM Kuleba")).toEqual(["Ukrainian", "FM", "foreign", "minister", "Kuleba"]);
  });

  it("reads British spellings and demonyms as the corpus's words", () => {
    expect(terms("defence minister travelled")).toEqual(terms("defense minister traveled"));
    expect(terms("Ukraine's foreign minister")).toEqual(terms("Ukrainian foreign minister"));
  });
});
