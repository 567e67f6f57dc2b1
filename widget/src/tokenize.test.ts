import { describe, expect, it } from "vitest";
import { citedNumbers, parseAnswer, tokenizeInline } from "./tokenize.js";

describe("tokenizeInline", () => {
  it("turns [n] markers into citations between text runs", () => {
    expect(tokenizeInline("Bombers flew near Alaska [1] on July 24 [2].")).toEqual([
      { type: "text", text: "Bombers flew near Alaska " },
      { type: "cite", n: 1 },
      { type: "text", text: " on July 24 " },
      { type: "cite", n: 2 },
      { type: "text", text: "." },
    ]);
  });

  it("splits grouped markers and adjacent ones", () => {
    expect(tokenizeInline("a [1, 3][2]")).toEqual([{ type: "text", text: "a " }, { type: "cite", n: 1 }, { type: "cite", n: 3 }, { type: "cite", n: 2 }]);
  });

  it("leaves unknown numbers, half markers and other brackets as text", () => {
    const known = (n: number) => n === 1;
    expect(tokenizeInline("see [7] and [1", known)).toEqual([{ type: "text", text: "see [7] and [1" }]);
    expect(tokenizeInline("[a] [] [1,x] [1]", known)).toEqual([{ type: "text", text: "[a] [] [1,x] " }, { type: "cite", n: 1 }]);
    expect(tokenizeInline("[1, 7]", known)).toEqual([{ type: "text", text: "[1, 7]" }]);
  });

  it("keeps markup as plain text", () => {
    expect(tokenizeInline('<img src=x onerror="x()"> [1]')).toEqual([{ type: "text", text: '<img src=x onerror="x()"> ' }, { type: "cite", n: 1 }]);
  });
});

describe("parseAnswer", () => {
  it("makes paragraphs of lines and one list of consecutive '- ' lines", () => {
    const blocks = parseAnswer("Three meetings [1]:\n- May 16 [1]\n- July 3 [2]\n\nAlso October.");
    expect(blocks).toEqual([
      { type: "paragraph", inlines: [{ type: "text", text: "Three meetings " }, { type: "cite", n: 1 }, { type: "text", text: ":" }] },
      { type: "list", items: [
        [{ type: "text", text: "May 16 " }, { type: "cite", n: 1 }],
        [{ type: "text", text: "July 3 " }, { type: "cite", n: 2 }],
      ] },
      { type: "paragraph", inlines: [{ type: "text", text: "Also October." }] },
    ]);
  });

  it("gives nothing for blank text", () => {
    expect(parseAnswer("\n \n")).toEqual([]);
  });
});

describe("citedNumbers", () => {
  it("lists each number once in first-use order", () => {
    expect(citedNumbers("x [2] y [1, 2] z [3]")).toEqual([2, 1, 3]);
  });
});
