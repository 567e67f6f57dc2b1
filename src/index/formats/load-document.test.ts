import { describe, it, expect } from "vitest";
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import JSZip from "jszip";
import PDFDocument from "pdfkit";
import { DocumentSkipError, isSupportedName, loadDocument, SUPPORTED_EXTENSIONS, type SkipReason } from "./index.js";

const encode = (text: string) => new TextEncoder().encode(text);

function makePdf(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ compress: true, ...options });
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    draw(doc);
    doc.end();
  });
}

const REPORT_PARAGRAPH =
  "The quarter went well and revenue grew in every region we serve, with the largest gains in the north where the new office opened in March. Costs stayed flat.";

function twoPagePdf(): Promise<Uint8Array> {
  return makePdf((doc) => {
    doc.fontSize(20).text("Quarterly Report");
    doc.moveDown();
    doc.fontSize(11).text(REPORT_PARAGRAPH);
    doc.moveDown();
    doc.text("• First bullet");
    doc.text("• Second bullet");
    doc.addPage();
    doc.text("Page two text.");
  });
}

// A 1×1 PNG: a page holding only a picture is what a scan looks like.
const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

function wordDocument(): Promise<Uint8Array> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: "Onboarding", heading: HeadingLevel.TITLE }),
          new Paragraph({ text: "Getting started", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun("Welcome to "), new TextRun({ text: "the team", bold: true }), new TextRun(".")] }),
          new Paragraph({ text: "First step", bullet: { level: 0 } }),
          new Paragraph({ text: "Sub step", bullet: { level: 1 } }),
          new Paragraph({ text: "Second step", bullet: { level: 0 } }),
          new Paragraph({ text: "Plans", heading: HeadingLevel.HEADING_2, alignment: AlignmentType.LEFT }),
          new Table({
            rows: [
              new TableRow({ tableHeader: true, children: ["Plan", "Price", "Seats"].map(cell) }),
              new TableRow({ children: ["Pro", "$20", "10"].map(cell) }),
              new TableRow({ children: ["Team", "$50", "25"].map(cell) }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc).then((buffer) => new Uint8Array(buffer));
}

/** The skip reason loadDocument gives, failing the test when it gives a document instead. */
async function skipReason(name: string, bytes: Uint8Array, options?: Parameters<typeof loadDocument>[2]): Promise<{ reason: SkipReason; message: string }> {
  try {
    const loaded = await loadDocument(name, bytes, options);
    throw new Error(`expected ${name} to be skipped, got ${loaded.type}: ${JSON.stringify(loaded.text.slice(0, 80))}`);
  } catch (error) {
    if (!(error instanceof DocumentSkipError)) throw error;
    return { reason: error.reason, message: error.message };
  }
}

describe("file names", () => {
  it("supports the listed extensions, in any case", () => {
    expect(SUPPORTED_EXTENSIONS).toEqual([".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt"]);
    expect(isSupportedName("Report.PDF")).toBe(true);
    expect(isSupportedName("notes.markdown")).toBe(true);
    expect(isSupportedName("sheet.xlsx")).toBe(false);
    expect(isSupportedName("README")).toBe(false);
  });

  it("refuses an unknown extension, a file over the limit and an empty file before reading them", async () => {
    expect((await skipReason("sheet.xlsx", encode("a,b"))).reason).toBe("unsupported");
    const large = await skipReason("big.txt", encode("x".repeat(2048)), { maxBytes: 1024 });
    expect(large).toEqual({ reason: "too-large", message: "the file is 2.0 KB, over the limit of 1.0 KB (MAX_DOCUMENT_BYTES); split it or raise the limit" });
    expect((await skipReason("empty.txt", new Uint8Array())).reason).toBe("empty");
  });
});

describe("plain text", () => {
  it("strips a UTF-8 byte-order mark and turns CRLF and CR into LF", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode("one\r\ntwo\rthree\n")]);
    expect(await loadDocument("a.txt", bytes)).toEqual({ type: "text", text: "one\ntwo\nthree\n" });
  });

  it("decodes UTF-16 with either byte-order mark", async () => {
    const little = new Uint8Array(Buffer.from("\uFEFFhéllo\r\nworld", "utf16le"));
    const big = new Uint8Array(little.length);
    for (let i = 0; i < little.length; i += 2) [big[i], big[i + 1]] = [little[i + 1], little[i]];
    expect((await loadDocument("le.txt", little)).text).toBe("héllo\nworld");
    expect((await loadDocument("be.txt", big)).text).toBe("héllo\nworld");
  });

  it("reads bytes that are not UTF-8 as Latin-1 (windows-1252)", async () => {
    expect((await loadDocument("menu.txt", new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35]))).text).toBe("café €5");
  });

  it("skips binary content named .txt, and whitespace-only text as empty", async () => {
    expect((await skipReason("photo.txt", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).reason).toBe("binary");
    expect((await skipReason("controls.txt", new Uint8Array(Array.from({ length: 200 }, (_, i) => (i % 3 ? 0x41 : 0x01))))).reason).toBe("binary");
    expect((await skipReason("blank.txt", encode(" \n\t\r\n "))).reason).toBe("empty");
  });
});

describe("PDF", () => {
  it("reads the text layer page by page, pages separated by form feeds, wrapped lines joined", async () => {
    const loaded = await loadDocument("report.pdf", await twoPagePdf());
    expect(loaded).toEqual({
      type: "pdf",
      pages: 2,
      text: `# Quarterly Report\n\n${REPORT_PARAGRAPH}\n\n- First bullet\n- Second bullet\n\f\nPage two text.`,
    });
    expect(loaded.text.split("\f")[1].trim()).toBe("Page two text.");
  });

  it("reads a PDF by its content whatever its name", async () => {
    const loaded = await loadDocument("misnamed.txt", await twoPagePdf());
    expect(loaded.type).toBe("pdf");
    expect(loaded.pages).toBe(2);
  });

  it("skips an encrypted PDF, but reads one with only an owner password", async () => {
    const locked = await makePdf((doc) => doc.text("Secret plans."), { userPassword: "open sesame" });
    const { reason, message } = await skipReason("locked.pdf", locked);
    expect(reason).toBe("encrypted");
    expect(message).toBe("PDF is encrypted (password protected); remove the password or export an unprotected copy");
    const restricted = await makePdf((doc) => doc.text("Printable only."), { ownerPassword: "admin" });
    expect((await loadDocument("restricted.pdf", restricted)).text).toBe("Printable only.");
  });

  it("skips a PDF of scanned pages (images, no text) as having no text layer", async () => {
    const scan = await makePdf((doc) => {
      doc.image(PIXEL, 50, 50, { width: 400 });
      doc.addPage();
      doc.image(PIXEL, 50, 50, { width: 400 });
    });
    const { reason, message } = await skipReason("scan.pdf", scan);
    expect(reason).toBe("no-text-layer");
    expect(message).toBe("PDF has no text layer (none of its 2 pages holds any text), so it looks scanned; run OCR on it (e.g. ocrmypdf) and add the searchable copy");
  });

  it("skips a truncated PDF and a .pdf that is not one as corrupt", async () => {
    const pdf = await twoPagePdf();
    expect((await skipReason("cut.pdf", pdf.subarray(0, Math.floor(pdf.length * 0.6)))).reason).toBe("corrupt");
    expect((await skipReason("fake.pdf", encode("just some words"))).reason).toBe("corrupt");
  });
});

describe("Word (.docx)", () => {
  it("keeps headings, flattens lists into bullets and writes table rows with their header cells", async () => {
    expect(await loadDocument("onboarding.docx", await wordDocument())).toEqual({
      type: "docx",
      text: [
        "# Onboarding",
        "# Getting started",
        "Welcome to the team.",
        "- First step\n- Sub step\n- Second step",
        "## Plans",
        "- Plan: Pro; Price: $20; Seats: 10\n- Plan: Team; Price: $50; Seats: 25",
      ].join("\n\n"),
    });
  });

  it("refuses a zip bomb from what its directory declares, before inflating it", async () => {
    const zip = await JSZip.loadAsync(await wordDocument());
    zip.file("word/media/padding.bin", new Uint8Array(4 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    const { reason, message } = await skipReason("bomb.docx", bomb, { maxBytes: 100 * 1024 });
    expect(reason).toBe("zip-bomb");
    expect(message).toMatch(/expands to 4\.\d MB, over the limit of 2\.0 MB/);
  });

  it("refuses a zip whose directory understates what an entry expands to", async () => {
    const docx = new Uint8Array(await wordDocument());
    // The central directory comes last, so the last mention of the name is its entry there.
    const name = encode("word/document.xml");
    const at = Buffer.from(docx).lastIndexOf(Buffer.from(name));
    new DataView(docx.buffer, docx.byteOffset).setUint32(at - 46 + 24, 10, true);
    const { reason, message } = await skipReason("understated.docx", docx);
    expect(reason).toBe("zip-bomb");
    expect(message).toMatch(/word\/document\.xml expands past/);
  });

  it("skips as corrupt a .docx that is not a zip, a truncated one and a zip without word/document.xml", async () => {
    expect((await skipReason("fake.docx", encode("plain words"))).reason).toBe("corrupt");
    const docx = await wordDocument();
    expect((await skipReason("cut.docx", docx.subarray(0, docx.length >> 1))).reason).toBe("corrupt");
    const other = new JSZip();
    other.file("content.xml", "<a/>");
    const { reason, message } = await skipReason("other.docx", await other.generateAsync({ type: "uint8array" }));
    expect(reason).toBe("corrupt");
    expect(message).toMatch(/no word\/document\.xml/);
  });

  it("tells a password-protected Word file from an old .doc", async () => {
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const encrypted = new Uint8Array([...ole, ...new Uint8Array(64), ...Buffer.from("EncryptedPackage", "utf16le")]);
    expect((await skipReason("locked.docx", encrypted)).reason).toBe("encrypted");
    expect((await skipReason("old.docx", new Uint8Array([...ole, ...new Uint8Array(64)]))).reason).toBe("unsupported");
  });
});

describe("HTML", () => {
  const page = `<!doctype html><html><head><title>Pricing guide</title><style>p { color: red }</style>
    <script>window.analytics = "tracking";</script></head>
    <body>
      <nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li></ul></nav>
      <header><p>Acme Corp, the site header</p></header>
      <main><article>
        <h1>Pricing guide</h1>
        <p>Our plans are simple &amp; fair: every plan includes support, updates and the mobile app,
          and you can change plans at any time from the settings page.</p>
        <h2>Plans</h2>
        <table><thead><tr><th>Plan</th><th>Price</th><th>Seats</th></tr></thead>
          <tbody><tr><td>Pro</td><td>$20</td><td>10</td></tr><tr><td>Team</td><td>$50</td><td>25</td></tr></tbody></table>
        <h3>Included</h3>
        <ul><li>Support<ul><li>Email and chat</li></ul></li><li>Updates</li></ul>
        <p>Questions?<br>Write to sales.</p>
      </article></main>
      <aside>Related posts sidebar</aside>
      <footer>Copyright 2024 Acme</footer>
      <script>alert("x")</script>
    </body></html>`;

  it("reads the main content under the page title: headings, table rows, flattened lists, line breaks", async () => {
    expect(await loadDocument("pricing.html", encode(page))).toEqual({
      type: "html",
      text: [
        "# Pricing guide",
        "Our plans are simple & fair: every plan includes support, updates and the mobile app, and you can change plans at any time from the settings page.",
        "## Plans",
        "- Plan: Pro; Price: $20; Seats: 10\n- Plan: Team; Price: $50; Seats: 25",
        "### Included",
        "- Support\n- Email and chat\n- Updates",
        "Questions?\nWrite to sales.",
      ].join("\n\n"),
    });
  });

  it("reads a .htm of plain text as text, and a page with no text as empty", async () => {
    expect(await loadDocument("note.htm", encode("Just a note.\nSecond line."))).toEqual({ type: "text", text: "Just a note.\nSecond line." });
    expect((await skipReason("blank.html", encode("<html><body><script>var a = 1;</script></body></html>"))).reason).toBe("empty");
  });
});

describe("Markdown", () => {
  it("keeps headings and their levels, flattens lists, writes table rows, drops front matter and emphasis", async () => {
    const markdown = [
      "---",
      "title: Release notes",
      "tags: [a, b]",
      "---",
      "# Release notes",
      "",
      "Version 2 is *faster* and **smaller**, see [the guide](https://example.com/guide)",
      "for details.",
      "",
      "## Changes",
      "",
      "- Faster search",
      "  - Index `v2` format",
      "1. Smaller bundle",
      "",
      "| Plan | Price | Seats |",
      "|------|------:|-------|",
      "| Pro  | $20   | 10    |",
      "",
      "```sh",
      "npm run ingest",
      "```",
    ].join("\n");
    expect(await loadDocument("notes.md", encode(markdown))).toEqual({
      type: "markdown",
      text: [
        "# Release notes",
        "Version 2 is faster and smaller, see the guide for details.",
        "## Changes",
        "- Faster search\n- Index v2 format\n- Smaller bundle",
        "- Plan: Pro; Price: $20; Seats: 10",
        "npm run ingest",
      ].join("\n\n"),
    });
  });

  it("skips a file holding only front matter as empty", async () => {
    expect((await skipReason("meta.markdown", encode("---\ntitle: nothing else\n---\n"))).reason).toBe("empty");
  });
});

describe("runaway input", () => {
  it("stops a conversion that makes no progress in time, and reads the next file on a fresh thread", async () => {
    // Unmatched emphasis markers make micromark's emphasis resolution quadratic: seconds for 100 KB.
    const pathological = encode("_a".repeat(40_000) + " b_".repeat(40_000));
    const started = Date.now();
    const { reason, message } = await skipReason("slow.md", pathological, { timeoutMs: 300 });
    expect(reason).toBe("corrupt");
    expect(message).toMatch(/stopped after 0\.\d s without progress/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await loadDocument("next.md", encode("# Still reading"))).text).toBe("# Still reading");
  });
});
