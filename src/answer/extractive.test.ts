import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openChronicle, type Chronicle } from "../chronicle.js";

let chronicle: Chronicle;
beforeAll(async () => {
  chronicle = await openChronicle();
});
afterAll(() => chronicle.close());

/** The promise every answer keeps: each [n] names one citation, each citation is used and quotes its chunk. */
function expectConsistent(result: Awaited<ReturnType<Chronicle["ask"]>>) {
  const markers = [...new Set([...result.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))];
  expect(markers.sort((a, b) => a - b)).toEqual(result.citations.map((c) => c.n));
  for (const citation of result.citations) {
    for (const quote of citation.text.split(" … ")) expect(chronicle.chunk(citation.id)?.text).toContain(quote);
  }
}

describe("extractive answers", () => {
  it("leads a when-question with the date and cites the chronology entry", async () => {
    const result = await chronicle.ask("When did Chinese and Russian bombers patrol near Alaska?");
    expect(result.refused).toBe(false);
    expect(result.mode).toBe("extractive");
    expect(result.answer).toMatch(/^July 24/);
    expect(result.citations.some((c) => c.kind === "chronology" && c.date?.start === "2024-07-24")).toBe(true);
    expectConsistent(result);
  });

  it("lists a month's entries in date order, one citation each", async () => {
    const result = await chronicle.ask("What happened in August 2024?");
    const starts = result.citations.map((c) => c.date!.start);
    expect(starts).toEqual([...starts].sort());
    expect(starts.length).toBeGreaterThanOrEqual(4);
    expect(result.citations.every((c) => c.kind === "chronology" && c.date!.end >= "2024-08-01" && c.date!.start <= "2024-08-31")).toBe(true);
    expect(result.answer.split("\n").filter((line) => line.startsWith("- "))).toHaveLength(starts.length);
    expectConsistent(result);
  });

  it("answers a count with the sentence that counts the thing asked about", async () => {
    const result = await chronicle.ask("How many countries attended the Kazan BRICS summit?");
    expect(result.answer).toMatch(/Thirty-six countries/);
    expect((await chronicle.ask("How many friendly nations sent observers to Ocean 2024?")).answer).toMatch(/Fifteen “friendly nations”/);
  });

  it("counts matching entries and names the count", async () => {
    const result = await chronicle.ask("How many joint strategic bomber patrols did China and Russia conduct in 2024?");
    expect(result.answer).toMatch(/^2 joint strategic bomber patrols \(two\)/);
    expect(result.citations.map((c) => c.date?.start)).toEqual(["2024-07-24", "2024-11-29"]);
  });

  it("answers first and last questions from the ordered chronology", async () => {
    expect((await chronicle.ask("What was the first event in the chronology?")).citations[0].date?.start).toBe("2024-05-03");
    expect((await chronicle.ask("What was the last event in the chronology?")).citations[0].date?.start).toBe("2024-12-02");
  });

  it("refuses questions the corpus does not cover, with no citations", async () => {
    for (const question of ["What is the population of Vladivostok?", "Who won the 2024 Olympics?", "How many nuclear warheads does China have?", "How many Chinese troops took part in Ocean 2024?"]) {
      const result = await chronicle.ask(question);
      expect(result.refused, question).toBe(true);
      expect(result.citations).toEqual([]);
      expect(result.answer).toBe("The corpus does not cover this question.");
    }
  });

  it("refuses a passage that answers another question: a time of day, a figure for something else", async () => {
    for (const question of ["What time of day did Xi and Putin start their talks in Kazan on October 22?", "What was the total China-Russia trade volume for 2024?"]) {
      const result = await chronicle.ask(question);
      expect(result.refused, question).toBe(true);
    }
  });

  it("tells who represents whom: one country's ambassador is not the other's", async () => {
    expect((await chronicle.ask("Who is China's ambassador to Russia?")).refused).toBe(true);
    const russian = await chronicle.ask("Who is Russia's ambassador to China?");
    expect(russian.refused).toBe(false);
    expect(russian.answer).toMatch(/Morgulov/);
  });

  it("does not report results of a time after the corpus, even where it mentions plans for then", async () => {
    const result = await chronicle.ask("What were the results of the second China-Central Asia summit held in Astana in 2025?");
    expect(result.refused).toBe(true);
    expect(result.answer).toMatch(/does not cover 2025/);
  });

  it("says which period it covers for a question about another one", async () => {
    const result = await chronicle.ask("What did Xi and Putin agree in 2019?");
    expect(result.refused).toBe(true);
    expect(result.answer).toMatch(/does not cover 2019: its dated entries run from May 3, 2024 to December 2, 2024/);
    expect(result.answer).toMatch(/Nearest entries: May 3-9, 2024/);
  });

  it("cites the chronology entry beside an article paragraph about the same event", async () => {
    const result = await chronicle.ask("What did Putin say about bilateral trade when he met Li Qiang?");
    expect(result.citations.map((c) => c.kind)).toEqual(["article", "chronology"]);
    expect(result.citations[1].dateLabel).toBe("Aug. 20-21, 2024");
    expectConsistent(result);
  });

  it("streams the same answer sentence by sentence", async () => {
    const question = "When did Chinese and Russian bombers patrol near Alaska?";
    const pieces: string[] = [];
    let done;
    for await (const event of chronicle.askStream(question)) {
      if ("delta" in event) pieces.push(event.delta);
      if ("done" in event) done = event.done;
    }
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe(done!.answer);
  });
});

