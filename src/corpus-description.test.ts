import { describe, expect, it } from "vitest";
import { describeCorpus, type DescribedChronicle } from "./corpus-description.js";
import type { Chunk, DocumentRecord } from "./index/index.js";
import { ProfileSchema, type CorpusProfile } from "./index/profile.js";

let position = 0;
const chunk = (doc: string, headings: string[] | undefined, date?: string): Chunk => ({
  id: `${doc}-${position}`, doc, kind: date ? "chronology" : "article", text: "Some text.", position: position++,
  ...(headings ? { headings, section: headings.at(-1) } : {}),
  ...(date ? { date: { start: date, end: date } } : {}),
});
const record = (name: string, status: DocumentRecord["status"] = "indexed") =>
  ({ name, sha256: "0", bytes: 1, modified: "2020-01-01T00:00:00.000Z", status, passages: 0, dated: 0 }) as DocumentRecord;

/** Just what a description reads of a chronicle: its profile, chunks, manifest and coverage. */
function fakeChronicle(options: { profile?: Partial<CorpusProfile>; documents: DocumentRecord[]; chunks: Chunk[] }): DescribedChronicle {
  const dated = options.chunks.filter((c) => c.date).map((c) => c.date!.start).sort();
  return {
    profile: ProfileSchema.parse(options.profile ?? {}),
    chunks: options.chunks,
    ingest: { index: { manifest: { documents: options.documents } } },
    retriever: { coverage: dated.length ? { start: dated[0], end: dated.at(-1) } : undefined },
  } as unknown as DescribedChronicle;
}

describe("describeCorpus", () => {
  it("takes a single document's own title heading as the corpus's title when there is no profile", () => {
    const described = describeCorpus(fakeChronicle({
      documents: [record("notes.md")],
      chunks: [chunk("notes.md", ["Field notes", "March"], "2021-03-02"), chunk("notes.md", ["Field notes", "April"], "2021-04-09")],
    }));
    expect(described.title).toBe("Field notes");
    expect(described.description).toBe("Ask about one document.");
    expect(described.sampleQuestions).toEqual(["What happened in April 2021?", "What is “Field notes” about?"]);
    expect(described.coverage).toEqual({ start: "2021-03-02", end: "2021-04-09" });
    expect(described.counts).toEqual({ documents: 1, passages: 2, datedEntries: 2 });
  });

  it("falls back to the file name when the first heading is only the first section's", () => {
    const described = describeCorpus(fakeChronicle({
      documents: [record("site_survey-2019.txt")],
      chunks: [chunk("site_survey-2019.txt", ["Overview"]), chunk("site_survey-2019.txt", ["Findings"])],
    }));
    expect(described.documents).toEqual([{ name: "site_survey-2019.txt", title: "Site survey 2019" }]);
    expect(described.title).toBe("Site survey 2019");
    // Nothing dated: no question about a month.
    expect(described.coverage).toBeNull();
    expect(described.sampleQuestions).toEqual(["What is “Site survey 2019” about?"]);
  });

  it("lists indexed documents only and calls several documents Chronicle", () => {
    const described = describeCorpus(fakeChronicle({
      documents: [record("a.md"), record("broken.pdf", "skipped"), record("b.txt")],
      chunks: [chunk("a.md", ["Alpha"]), chunk("b.txt", undefined)],
    }));
    expect(described.documents).toEqual([{ name: "a.md", title: "Alpha" }, { name: "b.txt", title: "B" }]);
    expect(described.title).toBe("Chronicle");
    expect(described.description).toBe("Ask about 2 documents.");
    expect(described.counts.documents).toBe(2);
  });

  it("uses the profile's words wherever it has them", () => {
    const described = describeCorpus(fakeChronicle({
      profile: { title: "Harbour archive", description: "Minutes of the harbour board.", sampleQuestions: ["Who chaired the board?"] },
      documents: [record("minutes.md")],
      chunks: [chunk("minutes.md", ["Minutes"], "1998-06-01")],
    }));
    expect(described).toMatchObject({ title: "Harbour archive", description: "Minutes of the harbour board.", sampleQuestions: ["Who chaired the board?"] });
  });

  it("keeps the profile's title with derived questions when the profile offers none", () => {
    const described = describeCorpus(fakeChronicle({ profile: { title: "Harbour archive" }, documents: [record("x.md")], chunks: [chunk("x.md", ["X"], "1998-06-01")] }));
    expect(described.title).toBe("Harbour archive");
    expect(described.description).toBe("Ask about one document.");
    expect(described.sampleQuestions).toEqual(["What happened in June 1998?", "What is “X” about?"]);
  });
});
