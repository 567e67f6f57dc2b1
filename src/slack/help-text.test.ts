import { describe, expect, it } from "vitest";
import type { CorpusDescription } from "../corpus-description.js";
import { commandHelp, mentionHelp } from "./help-text.js";

const corpus: CorpusDescription = {
  title: "Harbour archive",
  description: "Minutes of the harbour board, 1990–1999.",
  sampleQuestions: ["Who chaired the board?", "When was the pier rebuilt?", "What did the crane cost?"],
  documents: [{ name: "minutes.md", title: "Minutes" }],
  coverage: { start: "1990-01-04", end: "1999-12-16" },
  counts: { documents: 1, passages: 40, datedEntries: 30 },
};

describe("Slack help text", () => {
  it("names the corpus and offers two of its sample questions as commands", () => {
    expect(commandHelp("/chronicle", corpus)).toBe([
      "Harbour archive: Minutes of the harbour board, 1990–1999.",
      "Usage: /chronicle <question>, for example:",
      "/chronicle Who chaired the board?",
      "/chronicle When was the pier rebuilt?",
      "The answer cites its sources with [n].",
    ].join("\n"));
    expect(mentionHelp(corpus)).toBe("Harbour archive: Minutes of the harbour board, 1990–1999.\nAsk me a question, e.g. “Who chaired the board?” or “When was the pier rebuilt?” I answer with [n] citations to the sources.");
  });

  it("says only how to ask while the corpus is unknown, and names no subject of its own", () => {
    expect(commandHelp("/ask")).toBe("Usage: /ask <question>\nThe answer cites its sources with [n].");
    expect(mentionHelp()).toBe("Ask me a question about the documents. I answer with [n] citations to the sources.");
    expect(commandHelp("/ask", { ...corpus, sampleQuestions: [] })).toBe("Harbour archive: Minutes of the harbour board, 1990–1999.\nUsage: /ask <question>\nThe answer cites its sources with [n].");
  });
});
