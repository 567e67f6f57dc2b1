import { describe, expect, it } from "vitest";
import { streamPieces } from "./stream-pieces.js";

describe("streamPieces", () => {
  it("cuts after lines and sentences, not after abbreviations, and joins back to the text", () => {
    const text = "The chronology lists 2 entries:\n- July 28-Aug. 7, 2024: Li Hui travels. He meets Lula. [1]\n- Aug. 17, 2024: Talks. [2]";
    const pieces = streamPieces(text);
    expect(pieces.join("")).toBe(text);
    expect(pieces).toEqual([
      "The chronology lists 2 entries:\n",
      "- July 28-Aug. 7, 2024: Li Hui travels. ",
      "He meets Lula. [1]\n",
      "- Aug. 17, 2024: Talks. [2]",
    ]);
  });
});
