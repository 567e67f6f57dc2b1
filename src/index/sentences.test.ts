import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences.js";

describe("splitSentences", () => {
  it("does not break after abbreviations or before numbers", () => {
    expect(splitSentences("Putin spoke on Aug. 21. Trade grew. Gen. Li Qiaoming led a delegation to St. Petersburg. The U.S. watched.")).toEqual([
      "Putin spoke on Aug. 21.",
      "Trade grew.",
      "Gen. Li Qiaoming led a delegation to St. Petersburg.",
      "The U.S. watched.",
    ]);
  });
});
