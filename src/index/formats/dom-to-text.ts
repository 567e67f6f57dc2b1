import { tableRowLines } from "./table-rows.js";
import { collapseSpaces, type TextWriter } from "./text-writer.js";

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

// Not text a reader sees: code, styling, embedded media and form controls.
const SKIPPED = new Set([
  "script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "math", "canvas",
  "iframe", "object", "embed", "img", "picture", "video", "audio", "source", "track", "map",
  "select", "option", "optgroup", "datalist", "textarea", "input", "button",
]);
// Elements that end the line before them and after them.
const BLOCKS = new Set([
  "html", "body", "main", "article", "section", "div", "p", "header", "footer", "nav", "aside", "blockquote",
  "figure", "figcaption", "address", "hr", "form", "fieldset", "legend", "details", "summary", "center",
  "ul", "ol", "menu", "dir", "caption", "hgroup", "search", "dialog",
]);
const HEADING = /^h([1-6])$/;
// Deeper than this, a subtree is read as flat text: no real page nests this far, and recursion must stay bounded.
const MAX_DEPTH = 400;
// A first row is taken as the header of a table that does not mark one only when its cells look like names.
const MAX_HEADER_CELL_CHARS = 80;
const MAX_SPAN = 100;

type Context = { kind: "paragraph" } | { kind: "bullet" } | { kind: "heading"; level: number };

/**
 * Writes an HTML tree (a page's main content, a .docx converted by mammoth) as text: h1-h6 become
 * `#` headings, list items `- ` bullets (nested lists flattened), paragraphs and other blocks one line
 * each, `<br>` a new line, `<pre>` code lines kept, tables one self-contained bullet per row, `<dl>`
 * terms `- term: definition`. Scripts, styles, images and form controls are left out.
 */
export function writeDom(root: Node, writer: TextWriter): void {
  let buffer: string[] = [];
  const contexts: Context[] = [{ kind: "paragraph" }];

  const flush = () => {
    const text = buffer.join("");
    buffer = [];
    const context = contexts[contexts.length - 1];
    if (context.kind === "heading") writer.heading(context.level, text.replace(/\n/g, " "));
    else if (context.kind === "bullet") writer.bullet(text.replace(/\n/g, " "));
    else writer.paragraph(text);
  };
  const within = (context: Context, element: Element, depth: number) => {
    flush();
    contexts.push(context);
    visitChildren(element, depth);
    flush();
    contexts.pop();
  };
  const visitChildren = (element: Node, depth: number) => {
    const children = element.childNodes;
    for (let i = 0; i < children.length; i++) visit(children[i], depth + 1);
  };
  const visit = (node: Node, depth: number) => {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      buffer.push((node.nodeValue ?? "").replace(/\s+/g, " "));
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const element = node as Element;
    const tag = element.localName.toLowerCase();
    if (SKIPPED.has(tag) || element.hasAttribute("hidden")) return;
    if (depth > MAX_DEPTH) {
      buffer.push(` ${textOf(element)} `);
      return;
    }
    const heading = HEADING.exec(tag);
    if (tag === "br") buffer.push("\n");
    else if (heading) within({ kind: "heading", level: Number(heading[1]) }, element, depth);
    else if (tag === "li") within({ kind: "bullet" }, element, depth);
    else if (tag === "pre") {
      flush();
      writer.code(textOf(element, true).split("\n"));
    } else if (tag === "table") {
      flush();
      writeTable(element, writer);
    } else if (tag === "dl") {
      flush();
      writeDefinitions(element, writer);
    } else if (BLOCKS.has(tag) || tag === "dt" || tag === "dd") {
      // Inside a list item or a heading, a paragraph is part of that one line.
      if (contexts[contexts.length - 1].kind !== "paragraph") {
        buffer.push(" ");
        visitChildren(element, depth);
        buffer.push(" ");
      } else {
        within({ kind: "paragraph" }, element, depth);
      }
    } else {
      visitChildren(element, depth);
    }
  };

  visit(root, 0);
  flush();
}

/**
 * The text of a subtree, walked without recursion. Blocks and `<br>` become spaces, or, with `raw`
 * (for `<pre>`), text keeps its spaces and newlines and `<br>` becomes a newline.
 */
function textOf(root: Node, raw = false): string {
  const parts: string[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      parts.push(node.nodeValue ?? "");
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const tag = (node as Element).localName.toLowerCase();
    if (SKIPPED.has(tag)) continue;
    if (tag === "br") {
      parts.push(raw ? "\n" : " ");
      continue;
    }
    const separated = !raw && (BLOCKS.has(tag) || tag === "li" || tag === "td" || tag === "th" || tag === "tr" || HEADING.test(tag));
    if (separated) stack.push(SPACE);
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    if (separated) parts.push(" ");
  }
  return parts.join("");
}

// Stands in the walk of textOf for the space that closes a block.
const SPACE = { nodeType: TEXT_NODE, nodeValue: " " } as Node;

/** A table's own rows (not those of tables nested in its cells), through thead, tbody and tfoot. */
function ownRows(table: Element): { row: Element; inHead: boolean }[] {
  const rows: { row: Element; inHead: boolean }[] = [];
  for (const child of Array.from(table.children)) {
    const tag = child.localName.toLowerCase();
    if (tag === "tr") rows.push({ row: child, inHead: false });
    else if (tag === "thead" || tag === "tbody" || tag === "tfoot") {
      for (const row of Array.from(child.children)) if (row.localName.toLowerCase() === "tr") rows.push({ row, inHead: tag === "thead" });
    }
  }
  return rows;
}

function span(cell: Element, name: string): number {
  const value = Number.parseInt(cell.getAttribute(name) ?? "1", 10);
  return Number.isFinite(value) && value >= 1 ? Math.min(value, MAX_SPAN) : 1;
}

/**
 * A table as bullets naming their header cells. The header is the leading rows of `<th>` (or of
 * `<thead>`); a table that marks none, and is more than one row and column, takes its first row when
 * those cells are short enough to be names. A table with `<th>` down its left side names each row by it.
 * Spanned cells fill the columns they cover: a header over two columns names both, a value spanning rows
 * is repeated in each, so every row stays self-contained.
 */
function writeTable(table: Element, writer: TextWriter): void {
  const caption = Array.from(table.children).find((child) => child.localName.toLowerCase() === "caption");
  if (caption) writer.paragraph(collapseSpaces(textOf(caption)));
  const grid: string[][] = [];
  const headerRow: boolean[] = [];
  const namedRow: boolean[] = [];
  const tableRows = ownRows(table);
  tableRows.forEach(({ row, inHead }, r) => {
    grid[r] ??= [];
    const cells = Array.from(row.children).filter((cell) => /^t[dh]$/i.test(cell.localName));
    headerRow[r] = inHead || (cells.length > 0 && cells.every((cell) => cell.localName.toLowerCase() === "th"));
    namedRow[r] = cells[0]?.localName.toLowerCase() === "th";
    let column = 0;
    for (const cell of cells) {
      while (grid[r][column] !== undefined) column++;
      const text = collapseSpaces(textOf(cell));
      const isHeader = cell.localName.toLowerCase() === "th";
      const rows = span(cell, "rowspan");
      const columns = span(cell, "colspan");
      for (let dr = 0; dr < rows; dr++) {
        const target = (grid[r + dr] ??= []);
        // A header names every column it spans; a value is written once per row.
        for (let dc = 0; dc < columns; dc++) target[column + dc] = dc === 0 || isHeader ? text : "";
      }
      column += columns;
    }
  });
  // A row span reaching past the last row adds no rows.
  const rows = grid.slice(0, tableRows.length).map((row) => Array.from(row, (cell) => cell ?? ""));
  if (!rows.length) return;
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  if (width === 1) {
    for (const [cell] of rows) writer.paragraph(cell ?? "");
    return;
  }
  let headerCount = 0;
  while (headerCount < rows.length && headerRow[headerCount]) headerCount++;
  if (headerCount === rows.length) headerCount = 0;
  if (headerCount > 0) {
    const header = Array.from({ length: width }, (_, column) => [...new Set(rows.slice(0, headerCount).map((row) => row[column]).filter(Boolean))].join(" "));
    writer.rows(tableRowLines({ header, rows: rows.slice(headerCount) }));
  } else if (namedRow.every(Boolean)) {
    writer.rows(tableRowLines({ rows, rowHeaders: true }));
  } else if (rows.length > 1 && rows[0].every((cell) => cell.length <= MAX_HEADER_CELL_CHARS) && rows[0].some(Boolean)) {
    writer.rows(tableRowLines({ header: rows[0], rows: rows.slice(1) }));
  } else {
    writer.rows(tableRowLines({ rows }));
  }
}

/** `<dt>term</dt><dd>definition</dd>` as `- term: definition`, one bullet per definition. */
function writeDefinitions(list: Element, writer: TextWriter): void {
  // Terms and definitions may be wrapped in <div>s, which HTML allows.
  const items = Array.from(list.children).flatMap((child) => (child.localName.toLowerCase() === "div" ? Array.from(child.children) : [child]));
  let terms: string[] = [];
  let defined = false;
  for (const item of items) {
    const tag = item.localName.toLowerCase();
    const text = collapseSpaces(textOf(item));
    if (tag === "dt") {
      if (defined) terms = [];
      defined = false;
      if (text) terms.push(text);
    } else if (tag === "dd") {
      defined = true;
      if (text) writer.bullet(terms.length ? `${terms.join(", ")}: ${text}` : text);
    }
  }
  if (!defined && terms.length) for (const term of terms) writer.bullet(term);
}
