import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { decodeText } from "./decode-text.js";
import { writeDom } from "./dom-to-text.js";
import { createTextWriter } from "./text-writer.js";

// Readability scores every element, about 25 µs each, and its cost grows faster than the nesting depth
// (a second at 400 levels): past either limit, the page is only cleaned by tag.
const READABILITY_MAX_ELEMENTS = 30_000;
const READABILITY_MAX_DEPTH = 120;
// Readability sometimes keeps one section of a long page; when it keeps less than this share of the
// page's cleaned text, the cleaned page is read instead.
const MIN_READABILITY_SHARE = 0.25;
// Page furniture, never the content: removed before the page is read, by Readability or without it.
const FURNITURE = [
  // Not <form>: ASP.NET pages wrap their whole body in one.
  "nav", "aside", "dialog", "script", "style", "noscript", "template",
  "[role=navigation]", "[role=banner]", "[role=contentinfo]", "[role=complementary]", "[role=search]", "[aria-hidden=true]",
].join(", ");
const LOOKS_LIKE_HTML = /<(?:!doctype|html|head|body|title|meta|p|div|span|br|a|h[1-6]|ul|ol|li|table|section|article|main|!--)[\s>/]/i;

/**
 * An HTML page as text: its main content, under a `# ` heading with the page title when the content has
 * no h1 of its own. Navigation, sidebars, the page's header and footer, scripts and styles are removed
 * first; then Readability picks the article, or, when it finds nothing, keeps too little or the page is
 * too big or deep for it, the page's <main> (or its one <article>, or <body>) is read. A file named
 * .html that holds no markup is plain text, read as such.
 */
export function readHtml(bytes: Uint8Array): { type: "html" | "text"; text: string } {
  const source = decodeText(bytes, { declaredCharset: metaCharset });
  if (!LOOKS_LIKE_HTML.test(source)) return { type: "text", text: source };
  const { document } = parseHTML(/<html[\s>]/i.test(source) ? source : `<!doctype html><html><head></head><body>${source}</body></html>`);
  let title = collapse(document.querySelector("title")?.textContent ?? "");
  // Furniture goes first, so neither Readability nor the fallback can keep a menu or a footer.
  const content = cleanedContent(document);
  let reader: string | undefined;
  if (fitsReadability(document.documentElement)) {
    try {
      const article = new Readability(document.cloneNode(true) as Document, { serializer: (node: Node) => node }).parse();
      if (article?.content) {
        reader = nodeText(article.content);
        title = collapse(article.title ?? "") || title;
      }
    } catch {
      // Readability gave up on this page: the cleaned page below is read instead.
    }
  }
  const cleaned = nodeText(content);
  const text = reader && reader.length >= MIN_READABILITY_SHARE * cleaned.length ? reader : cleaned;
  const hasTitle = /^# /m.test(text);
  return { type: "html", text: title && !hasTitle ? (text ? `# ${title}\n\n${text}` : `# ${title}`) : text };
}

function nodeText(root: Node): string {
  const writer = createTextWriter();
  writeDom(root, writer);
  return writer.text();
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Whether a tree is small and shallow enough for Readability, counted without recursion. */
function fitsReadability(root: Element | null): boolean {
  if (!root) return false;
  let elements = 0;
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length) {
    const [element, depth] = stack.pop()!;
    if (++elements > READABILITY_MAX_ELEMENTS || depth > READABILITY_MAX_DEPTH) return false;
    for (const child of Array.from(element.children)) stack.push([child, depth + 1]);
  }
  return true;
}

/** The page's <main> (or its one <article>, or <body>), without navigation, sidebars, headers and footers. */
function cleanedContent(document: Document): Node {
  for (const element of Array.from(document.querySelectorAll(FURNITURE))) element.remove();
  // A header or footer inside the article is part of it (its title, its byline); the page's own are not.
  for (const element of Array.from(document.querySelectorAll("header, footer"))) {
    if (!element.parentElement?.closest("article, main, [role=main]")) element.remove();
  }
  const articles = document.querySelectorAll("article");
  return document.querySelector("main, [role=main]") ?? (articles.length === 1 ? articles[0] : undefined) ?? document.body ?? document.documentElement;
}

/** The charset a page declares in its first bytes: `<meta charset="...">` or `<meta http-equiv ... content="...; charset=...">`. */
function metaCharset(head: string): string | undefined {
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
}
