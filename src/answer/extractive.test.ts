import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openChronicle, type AskResult, type Chronicle } from "../chronicle.js";
import { timelineOrder } from "../index/chunk.js";
import { writeSyntheticCorpus } from "../../test-support/synthetic-corpus.js";

let chronicle: Chronicle;
let root: string;
beforeAll(async () => {
  const { corpusDir, dataDir } = await writeSyntheticCorpus();
  root = dirname(corpusDir);
  // No answer cache: every test here is about composing an answer, never about finding one kept.
  chronicle = await openChronicle({ config: { CORPUS_DIR: corpusDir, DATA_DIR: dataDir, EMBED_WORKERS: 0 }, answerCache: "none" });
});
afterAll(async () => {
  await chronicle.close();
  await rm(root, { recursive: true, force: true });
});

/** The promise every answer keeps: each [n] names one citation (or related passage), each is used and quotes its chunk. */
function expectConsistent(result: AskResult) {
  const listed = result.citations.length ? result.citations : result.related ?? [];
  const markers = [...new Set([...result.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))];
  expect(markers.sort((a, b) => a - b)).toEqual(listed.map((c) => c.n));
  for (const citation of listed) {
    for (const quote of citation.text.split(" … ")) expect(chronicle.chunk(citation.id)?.text).toContain(quote);
  }
  expect(result.confidence).toBeGreaterThanOrEqual(0);
  expect(result.confidence).toBeLessThanOrEqual(1);
  if (result.refused) expect(result.refusal?.reason).toBeTruthy();
}

/** Whether a passage containing `text` is shown, as an answer's citation or as a related passage. */
const shows = (result: AskResult, text: string) =>
  [...result.citations, ...(result.related ?? [])].some((c) => chronicle.chunk(c.id)?.text.includes(text));

const ask = async (question: string) => {
  const result = await chronicle.ask(question);
  expectConsistent(result);
  return result;
};

describe("timeline answers over every dated passage", () => {
  it("lists a month's entries in date order from ISO and day-month lines, one citation each", async () => {
    const result = await ask("What happened in March 2023?");
    expect(result.refused).toBe(false);
    expect(result.citations.map((c) => c.date?.start)).toEqual(["2023-03-06", "2023-03-21"]);
    expect(result.answer.split("\n").filter((line) => line.startsWith("- "))).toHaveLength(2);
  });

  it("counts a dated heading's bullets as items of its date", async () => {
    const result = await ask("What changed in August 2023?");
    expect(result.citations.some((c) => c.date?.start === "2023-08-22")).toBe(true);
    expect(result.answer).toMatch(/2\.2\.0/);
  });

  it("reads before, quarters, between and the week after an event", async () => {
    const before = await ask("what happened before March 2023");
    expect(before.citations.map((c) => c.date?.start)).toEqual(["2023-01-16", "2023-02-09"]);
    const q3 = await ask("What happened in Q3 2023?");
    expect(q3.citations.length).toBeGreaterThanOrEqual(4);
    expect(q3.citations.every((c) => c.date!.start >= "2023-07-01" && c.date!.start <= "2023-09-30")).toBe(true);
    const week = await ask("What happened in the week after the anniversary events began?");
    expect(week.citations.map((c) => c.date?.start)).toEqual(["2023-10-09"]);
  });

  it("answers first and last from the ordered timeline", async () => {
    expect((await ask("What was the first event in the timeline?")).citations[0]!.date?.start).toBe("2023-01-16");
    expect((await ask("What was the last event in the timeline?")).citations[0]!.date?.start).toBe("2023-12-05");
  });

  it("says which period the documents cover when asked about another", async () => {
    const result = await ask("What happened in 2019?");
    expect(result.refused).toBe(true);
    expect(result.refusal?.reason).toBe("out-of-period");
    expect(result.answer).toMatch(/does not cover 2019/);
  });

  it("reads a date without a year in the documents' own year, never as another period", async () => {
    const result = await ask("What opened on May 15?");
    expect(shows(result, "reading garden")).toBe(true);
  });
});

describe("questions as people type them", () => {
  it("finds a name typed without its accent or misspelled", async () => {
    for (const question of ["Who is Ingrid Celoron?", "who is the directer of the library network"]) {
      expect(shows(await ask(question), "Ingrid Céloron"), question).toBe(true);
    }
  });

  it("answers a time-of-day question from the passage that gives the hours", async () => {
    expect(shows(await ask("What time does Central branch open?"), "08:30 to 17:30")).toBe(true);
  });

  it("takes a request for what it asks, not for a name it lacks", async () => {
    for (const question of ["Tell me about the roof repair at Quayside", "Describe the membership rules"]) {
      const result = await ask(question);
      expect(result.refusal?.reason, question).not.toBe("no-question");
      expect(shows(result, question.includes("roof") ? "roof" : "Membership is free"), question).toBe(true);
    }
  });

  it("refuses nonsense and words the documents never use, saying why", async () => {
    expect((await ask("When When When When")).refusal?.reason).toBe("no-question");
    expect((await ask("7")).refusal?.reason).toBe("no-question");
    const unknown = await ask("qwzx vbnmk plorf?");
    expect(unknown.refused).toBe(true);
    expect(unknown.citations).toEqual([]);
  });

  it("counts words the documents use only in headings as theirs", async () => {
    // "guide" is only in a heading ("# Visitor guide"); "money" is nowhere.
    expect((await ask("Describe the guide")).refusal?.reason).not.toBe("unknown-terms");
    expect((await ask("how much money came in")).refusal?.reason).toBe("unknown-terms");
  });

  it("never hides a relevant passage behind a flat refusal: a refusal with related passages cites them", async () => {
    const result = await ask("How much did the library spend on new books?");
    expect(shows(result, "£610,000")).toBe(true);
  });
});

describe("streaming", () => {
  it("streams the same answer sentence by sentence", async () => {
    const pieces: string[] = [];
    let done: AskResult | undefined;
    for await (const event of chronicle.askStream("What happened in March 2023?")) {
      if ("delta" in event) pieces.push(event.delta);
      if ("done" in event) done = event.done;
    }
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe(done!.answer);
  });
});

describe("counts", () => {
  it("says the count once, in words as prose writes small numbers", async () => {
    const result = await ask("How many times did the Quayside branch close or reopen in 2023?");
    if (result.refused) return expect.fail(`refused: ${result.answer}`);
    expect(result.answer).toMatch(/^(One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|\d{2,}) /);
    expect(result.answer).not.toMatch(/\(\s*(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*\)/);
  });
});

describe("periods in list answers", () => {
  it("names the year of a month asked without one", async () => {
    const result = await ask("What happened in March?");
    expect(result.refused).toBe(false);
    expect(result.answer).toMatch(/^The timeline lists 2 entries in March 2023/);
  });

  it("writes the period's months and quarters with capitals however the question typed them", async () => {
    const result = await ask("what happened in march?");
    expect(result.refused).toBe(false);
    expect(result.answer).toMatch(/^The timeline lists 2 entries in March 2023/);
  });

  it("reads a span as between its ends, and lists its entries in the timeline's order", async () => {
    const result = await ask("What happened between March and May?");
    expect(result.refused).toBe(false);
    expect(result.answer).toMatch(/^The timeline lists \d+ entries between March and May 2023:/);
    const listed = result.citations.map((citation) => chronicle.chunk(citation.id)!);
    expect(listed.length).toBeGreaterThan(2);
    expect(listed.every((chunk) => chunk.date!.end >= "2023-03-01" && chunk.date!.start <= "2023-05-31")).toBe(true);
    expect([...listed].sort(timelineOrder).map((chunk) => chunk.id)).toEqual(listed.map((chunk) => chunk.id));
    expect(chronicle.retriever.context.timeline.filter((chunk) => listed.includes(chunk)).map((chunk) => chunk.id)).toEqual(listed.map((chunk) => chunk.id));
  });
});
