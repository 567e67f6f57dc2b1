import { describe, it, expect } from "vitest";
import { pageLines, pdfText, type PdfTextItem } from "./pdf-layout.js";

/** Lines of text set from the top of a page down, `spacing` points apart, as pdf.js would report them. */
function page(lines: { text: string; size?: number; gap?: number; x?: number; width?: number }[], spacing = 14): PdfTextItem[] {
  let y = 750;
  return lines.map(({ text, size = 11, gap = spacing, x = 72, width = text.length * 5.5 }, i) => {
    if (i > 0) y -= gap;
    return { str: text, x, y, width, fontSize: size, hasEOL: true };
  });
}

const FULL = 460;

describe("pageLines", () => {
  it("joins runs on one baseline, adding the space the PDF left as a gap", () => {
    const items: PdfTextItem[] = [
      { str: "Total", x: 72, y: 700, width: 25, fontSize: 10, hasEOL: false },
      { str: "revenue", x: 100, y: 700, width: 35, fontSize: 10, hasEOL: false },
      { str: "1", x: 135, y: 703, width: 3, fontSize: 6, hasEOL: true },
      { str: "", x: 72, y: 686, width: 0, fontSize: 10, hasEOL: true },
      { str: "Next line", x: 72, y: 686, width: 40, fontSize: 10, hasEOL: false },
    ];
    expect(pageLines(items).map((line) => [line.text, line.fontSize])).toEqual([
      ["Total revenue1", 10],
      ["Next line", 10],
    ]);
  });
});

describe("pdfText", () => {
  it("joins soft-wrapped lines into one paragraph and breaks at a larger gap", () => {
    const text = pdfText([
      page([
        { text: "The committee met on Monday to review the budget for the", width: FULL },
        { text: "coming year. It approved the plan without changes and asked", width: FULL },
        { text: "for a report in spring, to be read in full before the vote.", width: FULL },
        { text: "A second paragraph starts here.", gap: 28, width: 160 },
      ]),
    ]);
    expect(text).toBe(
      "The committee met on Monday to review the budget for the coming year. It approved the plan without changes and asked for a report in spring, to be read in full before the vote.\n\nA second paragraph starts here.",
    );
  });

  it("ends a paragraph at a short line that ends a sentence, but joins a plain continuation", () => {
    const text = pdfText([
      page([
        { text: "Introduction", width: 60 },
        { text: "This line is short and ends.", width: 150 },
        { text: "Next paragraph, same spacing, runs on to", width: FULL },
        { text: "the end of the line and then", width: 140 },
        { text: "continues in lowercase.", width: 120 },
      ]),
    ]);
    expect(text).toBe("Introduction\n\nThis line is short and ends.\n\nNext paragraph, same spacing, runs on to the end of the line and then continues in lowercase.");
  });

  it("makes larger text a heading, by size rank, and bullets of bullet glyphs; rejoins hyphenated words", () => {
    const text = pdfText([
      page([
        { text: "Annual Report", size: 24, width: 200 },
        { text: "Highlights", size: 16, gap: 30, width: 100 },
        { text: "• Revenue rose in every", gap: 22, width: FULL },
        { text: "  region we serve", x: 84, width: 90 },
        { text: "• Costs fell", width: 60 },
        { text: "The board thanks the staff for an excep-", width: FULL },
        { text: "tional year.", width: 60 },
      ]),
    ]);
    expect(text).toBe(
      "# Annual Report\n\n## Highlights\n\n- Revenue rose in every region we serve\n- Costs fell\n\nThe board thanks the staff for an exceptional year.",
    );
  });

  it("separates pages with form feeds and drops page numbers and running headers", () => {
    const pages = [1, 2, 3].map((n) => page([{ text: "ACME Handbook" }, { text: `Content of page ${n}.`, gap: 40 }, { text: `${n}`, gap: 300 }]));
    pages.push([]);
    const text = pdfText(pages);
    expect(text).toBe("Content of page 1.\n\f\nContent of page 2.\n\f\nContent of page 3.\n\f\n");
    expect(text.split("\f")).toHaveLength(4);
  });

  it("keeps a heading that opens every page: running headers are never larger than the body", () => {
    const bodies = ["How it began.", "What happened next.", "How it ended."];
    const pages = bodies.map((body, i) => page([{ text: `Chapter ${i + 1}`, size: 16 }, { text: body, gap: 30 }]));
    expect(pdfText(pages)).toBe("# Chapter 1\n\nHow it began.\n\f\n# Chapter 2\n\nWhat happened next.\n\f\n# Chapter 3\n\nHow it ended.");
  });
});
