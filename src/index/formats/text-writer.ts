/**
 * Collects a document's blocks (headings, paragraphs, bullets, code) and writes them in the form
 * parseDocument reads: one line per paragraph, `#` headings, `- ` bullets, a blank line between blocks.
 * Every format's converter writes through one of these, so they all agree on that form.
 */
export interface TextWriter {
  /** `#` to `######`; a level outside 1-6 is clamped. */
  heading(level: number, text: string): void;
  /** One paragraph; a "\n" inside it (a `<br>`) starts a new line of the same block. */
  paragraph(text: string): void;
  /** One `- ` item; consecutive bullets form one block, with no blank line between them. */
  bullet(text: string): void;
  /** A table's rows, as `- ` lines in a block of their own. */
  rows(lines: string[]): void;
  /**
   * Lines kept as they are, apart from trailing spaces, and a line that would read as a heading
   * ("# install the tools", a shell comment) escaped as Markdown does it, "\# install the tools": a
   * comment in a code sample must not open a section of the document.
   */
  code(lines: string[]): void;
  /** Everything written so far. */
  text(): string;
}

export function createTextWriter(): TextWriter {
  const blocks: { kind: "heading" | "paragraph" | "list" | "table" | "code"; lines: string[] }[] = [];
  return {
    heading(level, text) {
      const title = collapseSpaces(text);
      if (title) blocks.push({ kind: "heading", lines: [`${"#".repeat(Math.min(6, Math.max(1, level)))} ${title}`] });
    },
    paragraph(text) {
      const lines = text.split("\n").map(collapseSpaces).filter(Boolean);
      if (lines.length) blocks.push({ kind: "paragraph", lines });
    },
    bullet(text) {
      const item = collapseSpaces(text);
      if (!item) return;
      const last = blocks.at(-1);
      if (last?.kind === "list") last.lines.push(`- ${item}`);
      else blocks.push({ kind: "list", lines: [`- ${item}`] });
    },
    rows(lines) {
      const rows = lines.map(collapseSpaces).filter(Boolean);
      if (rows.length) blocks.push({ kind: "table", lines: rows.map((row) => `- ${row}`) });
    },
    code(lines) {
      const kept = lines.map((line) => line.replace(/\s+$/, "").replace(/^(\s*)(#{1,6}\s)/, "$1\\$2"));
      while (kept.length && !kept[0]) kept.shift();
      while (kept.length && !kept.at(-1)) kept.pop();
      if (kept.length) blocks.push({ kind: "code", lines: kept });
    },
    text() {
      return blocks.map((block) => block.lines.join("\n")).join("\n\n");
    },
  };
}

// Characters that take no room: a soft hyphen or a zero-width space must not split a word for the index.
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]/g;

/** Runs of whitespace (non-breaking spaces included) as one space, trimmed; invisible characters removed. */
export function collapseSpaces(text: string): string {
  return text.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}
