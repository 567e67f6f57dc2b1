import { describe, expect, it } from "vitest";
import { findOrdinalReference } from "./ordinals.js";

const which = (text: string) => findOrdinalReference(text)?.which;

describe("findOrdinalReference", () => {
  it("finds references to an item of the previous answer", () => {
    expect(findOrdinalReference("and the second one?")).toMatchObject({ text: "the second one", which: 2 });
    expect(which("Who led the third of them?")).toBe(3);
    expect(which("Tell me more about the 4th item")).toBe(4);
    expect(which("What about the last one?")).toBe("last");
    expect(which("and the latter?")).toBe("last");
    expect(which("What does [2] say?")).toBe(2);
    expect(which("Expand on number 5")).toBe(5);
  });

  it("leaves questions about order alone", () => {
    expect(which("What was the first joint patrol?")).toBeUndefined();
    expect(which("What happened in the second half of 2024?")).toBeUndefined();
    expect(which("When was the last meeting between Xi and Putin?")).toBeUndefined();
  });
});
