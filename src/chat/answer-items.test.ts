import { describe, expect, it } from "vitest";
import { chronologyNote, listLine, sourcesBlock } from "../answer/answer-text.js";
import { anchorOf, answerItems } from "./answer-items.js";

const LIST = `The chronology lists 2 entries:
- July 24, 2024: Four Russian and Chinese strategic bombers carry out a five-hour joint patrol. [1]
- Nov. 29-30, 2024: Two Russian Tu-95MS and two Chinese H-6N strategic bombers conduct the 9th joint strategic patrol. [2]`;

const PROSE = "Intensified interactions occurred in 2023 as Russia was bogged down. [1] (chronology: Oct. 4, 2024 [2]) Oct. 4, 2024: Sixth regular meeting (Moscow format) on Afghanistan is held in Moscow. [2]";

describe("answerItems", () => {
  it("reads a list answer line by line, with each line's date label", () => {
    const items = answerItems({ role: "assistant", content: LIST }, 2024);
    expect(items).toHaveLength(2);
    expect(items[1]).toMatchObject({ n: 2, label: "Nov. 29-30, 2024", date: { start: "2024-11-29", end: "2024-11-30" } });
    expect(items[1].text).toMatch(/^Two Russian Tu-95MS/);
  });

  it("reads a prose answer citation by citation; a year mentioned in prose does not date it", () => {
    const items = answerItems({ role: "assistant", content: PROSE }, 2024);
    expect(items.map((item) => item.n)).toEqual([1, 2]);
    expect(items[0].date).toBeUndefined();
    expect(items[1].date).toEqual({ start: "2024-10-04", end: "2024-10-04" });
    expect(anchorOf(items)?.n).toBe(2);
  });

  it("prefers the citations sent with the message", () => {
    const items = answerItems({
      role: "assistant",
      content: "Putin visits China [1].",
      citations: [{ n: 1, kind: "chronology", dateLabel: "May 16-17, 2024", date: { start: "2024-05-16", end: "2024-05-17" }, text: "Russian President Putin pays official visit to China." }],
    }, 2024);
    expect(items).toEqual([{ n: 1, date: { start: "2024-05-16", end: "2024-05-17" }, label: "May 16-17, 2024", text: "Putin visits China" }]);
  });

  it("reads the Sources block of an OpenAI-style answer", () => {
    const content = "Li Qiang visits Moscow [1].\n\nSources:\n[1] Aug. 20-21, 2024 — china-russia-relations-2024.txt: Aug. 20-21, 2024: Chinese Premier Li Qiang visits Moscow";
    const [item] = answerItems({ role: "assistant", content }, 2024);
    expect(item).toMatchObject({ n: 1, label: "Aug. 20-21, 2024", date: { start: "2024-08-20", end: "2024-08-21" } });
  });

  it("reads back the items the answerers wrote: list lines, chronology notes and the Sources block", () => {
    const assistant = (content: string) => ({ role: "assistant" as const, content });
    const patrol = { label: "July 24, 2024", text: "Four bombers carry out a joint patrol.", n: 1 };
    const second = { label: "Nov. 29-30, 2024", text: "Bombers conduct the 9th joint patrol.", n: 2 };
    const list = ["The timeline lists 2 entries in 2024:", listLine(patrol), listLine(second)].join("\n");
    expect(answerItems(assistant(list), 2024)).toEqual([
      { ...patrol, date: { start: "2024-07-24", end: "2024-07-24" } },
      { ...second, date: { start: "2024-11-29", end: "2024-11-30" } },
    ]);

    const prose = `Bombers patrolled near Alaska. [1]${chronologyNote("July 24, 2024", 2)} The patrol reached Alaska's zone. [3]`;
    expect(answerItems(assistant(prose), 2024)).toEqual([
      { n: 1, text: "Bombers patrolled near Alaska." },
      { n: 2, date: { start: "2024-07-24", end: "2024-07-24" }, text: "July 24, 2024" },
      { n: 3, text: "The patrol reached Alaska's zone." },
    ]);

    const cited = `Li Qiang visits Moscow [1].${sourcesBlock([{ n: 1, id: "x", kind: "chronology", doc: "d.txt", dateLabel: "Aug. 20-21, 2024", text: "Chinese Premier Li Qiang visits Moscow." }])}`;
    expect(answerItems(assistant(cited), 2024)).toEqual([{ n: 1, date: { start: "2024-08-20", end: "2024-08-21" }, label: "Aug. 20-21, 2024", text: "Li Qiang visits Moscow" }]);
  });

  it("has no items for a refusal", () => {
    expect(answerItems({ role: "assistant", content: "The corpus does not cover this question." }, 2024)).toEqual([]);
  });
});
