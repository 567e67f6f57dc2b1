import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import PDFDocument from "pdfkit";

/** One page of a test PDF: an optional heading, then paragraphs. */
export interface PdfPage {
  heading?: string;
  paragraphs: string[];
}

/** A real PDF with a text layer, one entry of `pages` per page; with `userPassword` it is encrypted. */
export function makePdf(pages: PdfPage[], options: { userPassword?: string } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ autoFirstPage: false, ...(options.userPassword ? { userPassword: options.userPassword } : {}) });
    const parts: Buffer[] = [];
    doc.on("data", (part: Buffer) => parts.push(part));
    doc.on("end", () => resolve(Buffer.concat(parts)));
    doc.on("error", reject);
    for (const page of pages) {
      doc.addPage();
      if (page.heading) doc.fontSize(18).text(page.heading).moveDown();
      for (const paragraph of page.paragraphs) doc.fontSize(11).text(paragraph).moveDown();
    }
    doc.end();
  });
}

/** A PDF with pages but no text at all, as a scan without OCR looks to a text extractor. */
export function makeScannedPdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument();
    const parts: Buffer[] = [];
    doc.on("data", (part: Buffer) => parts.push(part));
    doc.on("end", () => resolve(Buffer.concat(parts)));
    doc.on("error", reject);
    // Shapes stand in for the scanned image: ink on the page, no characters.
    doc.rect(72, 72, 300, 20).fill("#333").rect(72, 110, 260, 20).fill("#333");
    doc.end();
  });
}

/** A .docx with a title, paragraphs, and optionally a table (first row the header). */
export function makeDocx(content: { title: string; paragraphs: string[]; table?: string[][] }): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ text: content.title, heading: HeadingLevel.HEADING_1 }),
    ...content.paragraphs.map((text) => new Paragraph({ text, alignment: AlignmentType.LEFT })),
  ];
  if (content.table) {
    children.push(new Table({
      rows: content.table.map((cells) => new TableRow({ children: cells.map((text) => new TableCell({ children: [new Paragraph(text)] })) })),
    }));
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
