import { describe, expect, it } from "vitest";
import { createSpelling, editDistance } from "./spelling.js";

const spelling = createSpelling([
  "Pierre-Joseph Céloron led the French expedition. The release was delayed; releases follow monthly.",
  "Maintainers review every release before it is released. The expedition returned.",
]);

describe("createSpelling", () => {
  it("corrects a word the corpus lacks to the nearest word it uses, accents folded", () => {
    expect(spelling.correct("Celeron")).toBe("celoron");
    expect(spelling.correct("Frensh")).toBe("french");
    expect(spelling.correct("relased")).toBe("released");
    expect(spelling.correct("expidition")).toBe("expedition");
  });

  it("leaves known words, their inflections, short words and distant words alone", () => {
    expect(spelling.correct("Céloron")).toBeUndefined();
    expect(spelling.correct("releasing")).toBeUndefined();
    expect(spelling.correct("leds")).toBeUndefined();
    expect(spelling.correct("weather")).toBeUndefined();
  });
});

describe("editDistance", () => {
  it("counts an adjacent swap as one edit and stops past the limit", () => {
    expect(editDistance("lavorv", "lavrov", 2)).toBe(1);
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
    expect(editDistance("abcdef", "uvwxyz", 1)).toBe(2);
  });
});
