import { describe, expect, it } from "vitest";
import type { Chunk } from "../index/chunk.js";
import type { Retrieved } from "../retrieve/retriever.js";
import { createMarkerRewriter, pickQuote } from "./citations.js";

const chunk = (id: string, text: string, extra: Partial<Chunk> = {}): Chunk => ({ id, doc: "doc.txt", kind: "article", text, position: 0, ...extra });
const sources: Retrieved[] = [
  chunk("a", "May 16-17: Putin visits Beijing for talks with Xi.", { kind: "chronology", dateLabel: "May 16-17", date: { start: "2024-05-16", end: "2024-05-17" } }),
  chunk("b", "Trade rose to a record. ".repeat(6) + "The navies held a joint patrol in the Pacific in July. " + "Other matters followed. ".repeat(6)),
  chunk("c", "The SCO summit met in Astana in July."),
].map((c) => ({ chunk: c, score: 1 }));

function rewriteAll(pieces: string[]) {
  const rewriter = createMarkerRewriter(sources);
  const shown = pieces.map((piece) => rewriter.push(piece));
  shown.push(rewriter.end());
  return { rewriter, shown };
}

describe("createMarkerRewriter", () => {
  it("keeps the sources' numbers and drops numbers no source has", () => {
    const { rewriter } = rewriteAll(["The patrol was in July [2]. Putin went to Beijing [1][7]. Astana hosted [9]."]);
    expect(rewriter.text).toBe("The patrol was in July [2]. Putin went to Beijing [1]. Astana hosted .");
    expect(rewriter.citations().map((c) => [c.n, c.id])).toEqual([[1, "a"], [2, "b"]]);
    expect(rewriter.dropped).toBe(2);
  });

  it("holds a marker split across pieces back until it is complete", () => {
    const { shown, rewriter } = rewriteAll(["Putin went to Beijing [", "3", "]", " and [1", "2] too."]);
    expect(shown).toEqual(["Putin went to Beijing ", "", "[3]", " and ", " too.", ""]);
    expect(rewriter.citations().map((c) => c.id)).toEqual(["c"]);
  });

  it("reads lists, ranges and [Source n] as citations", () => {
    const { rewriter } = rewriteAll(["A [1, 3]. B [Source 2]. C [1-3]."]);
    expect(rewriter.text).toBe("A [1][3]. B [2]. C [1][2][3].");
  });

  it("lets a bracket that is no marker through as text", () => {
    const { rewriter, shown } = rewriteAll(["See [the note] and [1990-2024] and [", "x"]);
    expect(rewriter.text).toBe("See [the note] and [1990-2024] and [x");
    expect(shown.join("")).toBe(rewriter.text);
    expect(rewriter.citations()).toEqual([]);
  });

  it("keeps one citation per chunk however often it is cited", () => {
    const { rewriter } = rewriteAll(["Beijing [1]. Talks with Xi [1]."]);
    expect(rewriter.text).toBe("Beijing [1]. Talks with Xi [1].");
    expect(rewriter.citations()).toHaveLength(1);
  });

  it("quotes words that occur verbatim in the cited chunk", () => {
    const { rewriter } = rewriteAll(["The navies patrolled the Pacific together [2]. Xi met Putin [1]."]);
    for (const citation of rewriter.citations()) {
      const source = sources.find((s) => s.chunk.id === citation.id)!;
      expect(source.chunk.text).toContain(citation.text);
    }
    expect(rewriter.citations()[1].text).toBe("The navies held a joint patrol in the Pacific in July.");
    expect(rewriter.citations()[0]).toMatchObject({ kind: "chronology", dateLabel: "May 16-17", date: { start: "2024-05-16", end: "2024-05-17" } });
  });
});

describe("pickQuote", () => {
  it("quotes a short chunk whole and a long one by its best sentence, else its opening", () => {
    expect(pickQuote(sources[2].chunk, "anything")).toBe("The SCO summit met in Astana in July.");
    expect(pickQuote(sources[1].chunk, "a joint naval patrol")).toBe("The navies held a joint patrol in the Pacific in July.");
    const opening = pickQuote(sources[1].chunk, "nothing in common");
    expect(sources[1].chunk.text.startsWith(opening)).toBe(true);
    expect(opening.length).toBeLessThanOrEqual(200);
  });
});
