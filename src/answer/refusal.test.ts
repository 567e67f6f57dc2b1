import { describe, expect, it } from "vitest";
import { lacksSupport, type Support } from "./refusal.js";

/** Support for a question of `count` known terms, all measures given. */
const support = (measures: Pick<Support, "lexical" | "dense" | "unknown">, count: number): Support => ({
  ...measures,
  knownLexical: measures.lexical,
  knownCount: count,
});

describe("lacksSupport", () => {
  it("answers when words or meaning match well", () => {
    expect(lacksSupport(support({ lexical: 0.9, dense: 0.6, unknown: 0 }, 5))).toBe(false);
    // A paraphrase: few shared words, close in meaning.
    expect(lacksSupport(support({ lexical: 0.3, dense: 0.62, unknown: 0 }, 8))).toBe(false);
  });

  it("refuses when neither words nor meaning match", () => {
    expect(lacksSupport(support({ lexical: 0.2, dense: 0.35, unknown: 0.6 }, 5))).toBe(true);
  });

  it("counts words the corpus never uses against the question", () => {
    expect(lacksSupport(support({ lexical: 0.4, dense: 0.45, unknown: 0 }, 5))).toBe(false);
    expect(lacksSupport(support({ lexical: 0.4, dense: 0.45, unknown: 0.6 }, 5))).toBe(true);
  });

  it("wants a short question's known words covered nearly whole by one chunk", () => {
    expect(lacksSupport(support({ lexical: 0.6, dense: 0.8, unknown: 0 }, 2))).toBe(true);
    expect(lacksSupport(support({ lexical: 0.6, dense: 0.8, unknown: 0 }, 6))).toBe(false);
  });
});
