import type { Nodes, Table } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { parseHTML } from "linkedom";
import { decodeText } from "./decode-text.js";
import { writeDom } from "./dom-to-text.js";
import { tableRowLines } from "./table-rows.js";
import { createTextWriter, type TextWriter } from "./text-writer.js";

// micromark with GFM tables parses some hundreds of KB a second at best; past this size the file's own
// lines, which parseDocument already reads ("# " headings, "- " and "* " bullets), are kept as they are.
export const MARKDOWN_PARSE_MAX_CHARS = 256 * 1024;
// Deeper than this (quotes in quotes in quotes...), nodes are read as flat text: recursion stays bounded.
const MAX_DEPTH = 200;
const BLOCK_TYPES = new Set(["paragraph", "heading", "listItem", "blockquote", "tableRow", "tableCell"]);
const FRONT_MATTER = /^(?:---[ \t]*\n[\s\S]*?\n(?:---|\.\.\.)|\+\+\+[ \t]*\n[\s\S]*?\n\+\+\+)[ \t]*(?:\n|$)/;

/**
 * A Markdown file as text: headings keep their level, list items become `- ` bullets (nested lists
 * flattened, ordered ones too), GFM tables one bullet per row naming its header cells, links keep their
 * text, emphasis and code markers go, code blocks keep their lines, YAML or TOML front matter is dropped.
 * Embedded HTML is read like an HTML page's content.
 */
export function readMarkdown(bytes: Uint8Array): string {
  const source = decodeText(bytes).replace(FRONT_MATTER, "");
  if (source.length > MARKDOWN_PARSE_MAX_CHARS) return source;
  const tree = fromMarkdown(source, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const writer = createTextWriter();
  writeBlock(tree, writer, 0);
  return writer.text();
}

function writeBlock(node: Nodes, writer: TextWriter, depth: number): void {
  if (depth > MAX_DEPTH) {
    writer.paragraph(inline(node));
    return;
  }
  switch (node.type) {
    case "heading":
      writer.heading(node.depth, inline(node).replace(/\n/g, " "));
      return;
    case "paragraph":
      writer.paragraph(inline(node));
      return;
    case "list":
      for (const item of node.children) writeListItem(item, writer, depth + 1);
      return;
    case "code":
      writer.code(node.value.split("\n"));
      return;
    case "table":
      writeTable(node, writer);
      return;
    case "html":
      writeHtml(node.value, writer);
      return;
    case "root":
    case "blockquote":
    case "footnoteDefinition":
      for (const child of node.children) writeBlock(child, writer, depth + 1);
      return;
    case "thematicBreak":
    case "definition":
    case "yaml":
      return;
    default:
      writer.paragraph(inline(node));
  }
}

/** A list item's own text is one bullet; its nested lists, code and tables follow as blocks of their own. */
function writeListItem(item: Nodes, writer: TextWriter, depth: number): void {
  if (item.type !== "listItem") return writeBlock(item, writer, depth);
  let own: string[] = [];
  const flush = () => {
    if (own.length) writer.bullet(own.join(" ").replace(/\n/g, " "));
    own = [];
  };
  for (const child of item.children) {
    if (child.type === "paragraph" || child.type === "heading") own.push(inline(child));
    else {
      flush();
      writeBlock(child, writer, depth + 1);
    }
  }
  flush();
}

function writeTable(table: Table, writer: TextWriter): void {
  const [head, ...body] = table.children.map((row) => row.children.map((cell) => inline(cell).replace(/\n/g, " ")));
  if (!head) return;
  writer.rows(tableRowLines({ header: head, rows: body }));
}

function writeHtml(html: string, writer: TextWriter): void {
  // A comment or a lone tag holds no text: no need to build a document for it.
  if (!/>[^<]*[^\s<][^<]*</.test(html)) return;
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  writeDom(document.body, writer);
}

/**
 * The text of inline content, markers removed: emphasis, code spans and links give their text, a hard
 * break or an inline `<br>` a newline; images, footnote references and other inline HTML give nothing.
 */
function inline(node: Nodes): string {
  const parts: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    switch (current.type) {
      case "text":
        parts.push(current.value.replace(/\s+/g, " "));
        break;
      case "inlineCode":
        parts.push(current.value);
        break;
      case "break":
        parts.push("\n");
        break;
      case "html":
        if (/^<br\s*\/?>$/i.test(current.value)) parts.push("\n");
        break;
      case "code":
        parts.push(" ", current.value.replace(/\s+/g, " "), " ");
        break;
      case "image":
      case "imageReference":
      case "footnoteReference":
      case "definition":
        break;
      default:
        if ("children" in current) {
          // Blocks flattened here (below MAX_DEPTH) are kept apart by spaces.
          if (BLOCK_TYPES.has(current.type)) parts.push(" ");
          for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as Nodes);
        }
    }
  }
  return parts.join("");
}
