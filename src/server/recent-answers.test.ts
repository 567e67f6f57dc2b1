import { describe, expect, it } from "vitest";
import type { AskResult } from "../chronicle.js";
import { createRecentAnswers } from "./recent-answers.js";

const result = (id: string): AskResult => ({ id, question: `Q ${id}?`, answer: `A ${id}.`, citations: [], refused: false, mode: "extractive", confidence: 1, sources: [{ id: "s", doc: "d", kind: "article", score: 1, text: "long source text" }] });

describe("createRecentAnswers", () => {
  it("keeps what feedback needs, not the sources", () => {
    const cache = createRecentAnswers();
    cache.remember(result("a"));
    expect(cache.get("a")).toEqual({ id: "a", question: "Q a?", answer: "A a.", citations: [] });
    expect(cache.get("b")).toBeUndefined();
  });

  it("forgets the oldest answers beyond its bound", () => {
    const cache = createRecentAnswers(3);
    for (const id of ["a", "b", "c", "d"]) cache.remember(result(id));
    expect(cache.size).toBe(3);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("d")).toBeDefined();
  });
});
