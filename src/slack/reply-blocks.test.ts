import { describe, expect, it } from "vitest";
import type { Citation } from "../answer/index.js";
import { formatNotice, formatReply, SLACK_LIMITS, sourceLine, type Block } from "./reply-blocks.js";

const chronology = (n: number, day: number, text = `Event number ${n} happens & ends.`): Citation => ({
  n,
  id: `c${n}`,
  kind: "chronology",
  doc: "china-russia-relations-2024.txt",
  date: { start: `2024-07-${String(day).padStart(2, "0")}`, end: `2024-07-${String(day).padStart(2, "0")}` },
  dateLabel: `July ${day}, 2024`,
  text,
});

const sectionText = (blocks: Block[] = []) => blocks.filter((b) => b.type === "section").map((b) => (b.type === "section" ? b.text.text : ""));
const contextTexts = (blocks: Block[] = []) => blocks.flatMap((b) => (b.type === "context" ? b.elements.map((e) => e.text) : []));

describe("formatReply", () => {
  it("puts the escaped answer in a section and the cited sources, dated, in a context block", () => {
    const reply = formatReply({
      answer: "Bombers <B-6> & Tu-95 patrolled near Alaska. [1] (chronology: July 24, 2024 [2])",
      refused: false,
      citations: [
        { ...chronology(1, 24), kind: "article", dateLabel: "July 24", section: "Enhanced Mil-Mil Ties", text: "July 24: Russian and Chinese strategic bombers carried out a joint patrol." },
        chronology(2, 24, "July 24, 2024: Four Russian and Chinese strategic bombers carry out a five-hour joint patrol of Far East Russia and the Bering Sea near Alaska, the 8th since 2009."),
      ],
    });
    expect(reply.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "Bombers &lt;B-6&gt; &amp; Tu-95 patrolled near Alaska. [1] (chronology: July 24, 2024 [2])" } },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "[1] July 24, 2024 — Russian and Chinese strategic bombers carried out a joint patrol." },
          { type: "mrkdwn", text: "[2] July 24, 2024 — Four Russian and Chinese strategic bombers carry out a five-hour joint patrol of Far East Russia and the…" },
        ],
      },
    ]);
    expect(reply.text).toBe("Bombers &lt;B-6&gt; &amp; Tu-95 patrolled near Alaska. [1] (chronology: July 24, 2024 [2])");
  });

  it("escapes the sources too", () => {
    expect(contextTexts(formatReply({ answer: "x [1]", refused: false, citations: [chronology(1, 2, "A <b> & c")] }).blocks)).toEqual(["[1] July 2, 2024 — A &lt;b&gt; &amp; c"]);
  });

  it("turns list lines into bullets", () => {
    expect(sectionText(formatReply({ answer: "Two entries:\n- one [1]\n- two [2]", refused: false, citations: [chronology(1, 1), chronology(2, 2)] }).blocks)).toEqual([
      "Two entries:\n• one [1]\n• two [2]",
    ]);
  });

  it("posts a refusal as such, without sources", () => {
    const reply = formatReply({ answer: "The corpus does not cover this question.", refused: true, citations: [chronology(1, 1)] });
    expect(reply.text).toBe(":grey_question: The corpus does not cover this question.");
    expect(reply.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: ":grey_question: The corpus does not cover this question." } }]);
  });

  it("cuts a long answer cleanly and lists only the sources still cited", () => {
    const lines = Array.from({ length: 60 }, (_, i) => `- July ${i + 1}, 2024: Something of some length happened on this day, & it is recorded here. [${i + 1}]`);
    const citations = lines.map((_, i) => chronology(i + 1, (i % 28) + 1));
    const reply = formatReply({ answer: `The chronology lists 60 entries:\n${lines.join("\n")}`, refused: false, citations });
    const [body] = sectionText(reply.blocks);
    expect(body.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(body).toMatch(/\[\d+\]\n…$/);
    expect(body).not.toMatch(/&[a-z]*$/m);
    const shown = Number(/\[(\d+)\]\n…$/.exec(body)![1]);
    expect(contextTexts(reply.blocks)).toHaveLength(shown);
    expect(reply.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    for (const block of reply.blocks!) if (block.type === "context") expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
  });

  it("keeps within 50 blocks however many sources there are", () => {
    const citations = Array.from({ length: 600 }, (_, i) => chronology(i + 1, (i % 28) + 1));
    const answer = citations.map((c) => `[${c.n}]`).join(" ");
    const reply = formatReply({ answer, refused: false, citations }, { asked: { question: "q" }, understoodAs: "Q?" });
    expect(reply.blocks!.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const block of reply.blocks!) if (block.type === "context") expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
    const texts = contextTexts(reply.blocks);
    expect(texts.at(-1)).toMatch(/^…and \d+ more sources$/);
  });

  it("says who asked and what was understood above the answer", () => {
    const reply = formatReply({ answer: "Yes. [1]", refused: false, citations: [chronology(1, 1)] }, { asked: { question: "a<b", command: "/chronicle", userId: "U123" }, understoodAs: "Was it <x>?" });
    expect(reply.blocks![0]).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "<@U123> asked with /chronicle: a&lt;b" }, { type: "mrkdwn", text: "Answering: Was it &lt;x&gt;?" }] });
  });

  it("writes Markdown text for Mattermost, unescaped, with its sources", () => {
    const reply = formatReply({ answer: "A & B met. [1]", refused: false, citations: [chronology(1, 3)] }, { platform: "mattermost", asked: { question: "Who met?", userName: "ana", command: "/chronicle" } });
    expect(reply).toEqual({ text: "_@ana asked with /chronicle: Who met?_\n\nA & B met. [1]\n\n**Sources**\n[1] July 3, 2024 — Event number 1 happens & ends." });
  });
});

describe("sourceLine", () => {
  it("falls back to the section when a source has no date", () => {
    expect(sourceLine({ n: 4, id: "a", kind: "article", doc: "d.txt", section: "Outlook", text: "Ties will deepen." })).toBe("[4] Outlook — Ties will deepen.");
    expect(sourceLine({ n: 2, id: "b", kind: "article", doc: "report.pdf", section: "Results", page: 3, text: "Sales rose." })).toBe("[2] Results (report.pdf, p. 3) — Sales rose.");
    expect(sourceLine({ n: 3, id: "c", kind: "article", doc: "report.pdf", page: 5, text: "Costs fell." })).toBe("[3] report.pdf, p. 5 — Costs fell.");
  });
});

describe("formatNotice", () => {
  it("escapes a notice into one section", () => {
    expect(formatNotice("Usage: /chronicle <question>")).toEqual({
      text: "Usage: /chronicle &lt;question&gt;",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "Usage: /chronicle &lt;question&gt;" } }],
    });
    expect(formatNotice("Usage: /chronicle <question>", "mattermost")).toEqual({ text: "Usage: /chronicle <question>" });
  });
});
