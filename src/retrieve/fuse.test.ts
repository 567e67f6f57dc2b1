import { describe, expect, it } from "vitest";
import { fuse, type Candidate } from "./fuse.js";

const candidate = (id: string, fields: Partial<Candidate>): Candidate => ({ id, kind: "article", dateMatch: 0, exact: 0, ...fields });
const weights = { bm25: 0.6, dense: 0.4, date: 0.35, exact: 0.15, chronology: 0.05 };

describe("fuse", () => {
  it("scales BM25 by its best score and similarity between the worst and best", () => {
    const fused = fuse([candidate("a", { bm25: 10, dense: 0.2 }), candidate("b", { bm25: 5, dense: 0.6 })], weights);
    expect(fused.map((f) => f.id)).toEqual(["b", "a"]);
    expect(fused[0].score).toBeCloseTo(0.6 * 0.5 + 0.4 * 1);
    expect(fused[1].score).toBeCloseTo(0.6 * 1 + 0.4 * 0);
  });

  it("lets a strong dense match win over a weak keyword match", () => {
    const fused = fuse([candidate("kw", { bm25: 10, dense: 0.1 }), candidate("meaning", { bm25: 9, dense: 0.7 }), candidate("x", { dense: 0.1 })], weights);
    expect(fused[0].id).toBe("meaning");
  });

  it("boosts chunks dated in the asked period and demotes those dated outside it", () => {
    const fused = fuse([
      candidate("outside", { bm25: 10, dense: 0.5, dateMatch: -1 }),
      candidate("inside", { bm25: 6, dense: 0.5, dateMatch: 1 }),
    ], weights);
    expect(fused.map((f) => f.id)).toEqual(["inside", "outside"]);
  });

  it("rewards verbatim names and prefers chronology entries on a tie", () => {
    const fused = fuse([
      candidate("article", { bm25: 5, dense: 0.3 }),
      candidate("entry", { bm25: 5, dense: 0.3, kind: "chronology" }),
      candidate("named", { bm25: 5, dense: 0.3, exact: 1 }),
    ], weights);
    expect(fused.map((f) => f.id)).toEqual(["named", "entry", "article"]);
  });

  it("handles candidates with no scores at all", () => {
    expect(fuse([candidate("a", {}), candidate("b", {})], weights).map((f) => f.score)).toEqual([0, 0]);
  });
});
