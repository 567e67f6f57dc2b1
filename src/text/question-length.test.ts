import { describe, expect, it } from "vitest";
import { characterCount, QUESTION_MAX_CHARS, questionTooLong } from "./question-length.js";

describe("characterCount", () => {
  it("counts code points, so an emoji or an astral letter is one character", () => {
    expect(characterCount("When?")).toBe(5);
    expect("😀".length).toBe(2);
    expect(characterCount("😀")).toBe(1);
    expect(characterCount("𝔸 and 😀 and é")).toBe(13);
    expect(characterCount("")).toBe(0);
  });
});

describe("questionTooLong", () => {
  it("lets a question of up to 2,000 characters through, however many UTF-16 units they take", () => {
    expect(QUESTION_MAX_CHARS).toBe(2000);
    expect(questionTooLong("x".repeat(2000))).toBeUndefined();
    expect(questionTooLong("😀".repeat(2000))).toBeUndefined();
  });

  it("names the length it counted beside the limit", () => {
    expect(questionTooLong("😀".repeat(2001))).toBe("question is 2001 characters; the limit is 2000");
    expect(questionTooLong("y".repeat(2345), "the last question")).toBe("the last question is 2345 characters; the limit is 2000");
  });
});
