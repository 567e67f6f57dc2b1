import { describe, expect, it } from "vitest";
import { answerIdOf, completionId } from "./openai-format.js";

describe("completion ids", () => {
  it("carry the answer id", () => {
    expect(answerIdOf(completionId("abc"))).toBe("abc");
    expect(answerIdOf("abc")).toBe("abc");
  });
});
