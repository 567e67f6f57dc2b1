import { describe, expect, it } from "vitest";
import type { Chunk } from "../index/chunk.js";
import { createTermWeights } from "./term-weights.js";
import { terms } from "./terms.js";

const chunk = (id: string, text: string): Chunk => ({ id, doc: "d.md", kind: "article", text, position: 0 });
const weights = createTermWeights([
  chunk("a", "Membership is free for everyone who lives in the estuary."),
  chunk("b", "The organisation runs three cars and a cargo bike."),
]);
const stem = (word: string) => terms(word)[0]!;

describe("term weights", () => {
  it("knows a word the documents use, and counts derived forms of it as its family", () => {
    expect(weights.known(stem("membership"))).toBe(true);
    expect(weights.known(stem("member"))).toBe(false);
    expect(weights.knownFamily(stem("member"))).toBe(true);
    expect(weights.knownFamily(stem("members"))).toBe(true);
    expect(weights.knownFamily(stem("organisations"))).toBe(true);
  });

  it("knows a word the documents use only in a heading", () => {
    const headed = createTermWeights([{ ...chunk("c", "1. Have lunch with your buddy."), section: "ONBOARDING", headings: ["HANDBOOK PART 3", "ONBOARDING"] }]);
    expect(headed.knownFamily(stem("onboarding"))).toBe(true);
    expect(headed.knownFamily(stem("handbooks"))).toBe(true);
    expect(headed.knownFamily(stem("probation"))).toBe(false);
    // What passages say is measured apart: the heading word is in no chunk's text.
    expect(headed.known(stem("onboarding"))).toBe(false);
  });

  it("does not stretch families to short stems or unrelated words", () => {
    // "car" and "cargo" share a beginning by chance.
    expect(weights.knownFamily(stem("carp"))).toBe(false);
    expect(weights.knownFamily(stem("cathedral"))).toBe(false);
    expect(weights.knownFamily(stem("estuaries"))).toBe(true);
    expect(weights.knownFamily(stem("memo"))).toBe(false);
  });

  it("measures the weighted share of the asked terms a text holds, the same from text or a set, one text or many", () => {
    const asked = terms("cargo bike everyone");
    const covered = weights.coverageOf(asked);
    const rare = covered("a cargo bike");
    expect(rare).toBeCloseTo(2 / 3, 10);
    expect(covered("everyone")).toBeCloseTo(1 / 3, 10);
    expect(covered("cargo bike for everyone")).toBeCloseTo(1, 10);
    expect(covered("nothing asked")).toBe(0);
    // The same figure as one text at a time, from a set of terms or from text.
    expect(weights.coverage(asked, "a cargo bike")).toBe(rare);
    expect(covered(new Set(terms("a cargo bike")))).toBe(rare);
    expect(weights.coverageOf([])("anything")).toBe(0);
  });
});
