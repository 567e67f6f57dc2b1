/** A run of answer text: plain words, or a citation marker that becomes a chip. */
export type Inline = { type: "text"; text: string } | { type: "cite"; n: number };

/** A paragraph of inline runs, or a bulleted list of them. */
export type Block = { type: "paragraph"; inlines: Inline[] } | { type: "list"; items: Inline[][] };

// "[3]" and "[1, 2]"; anything else in brackets stays text.
const MARKER = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;
const BULLET = /^\s*[-*•]\s+/;

/**
 * Splits text at its [n] markers. A marker becomes a citation only when `known(n)` holds for every
 * number in it, so "[7]" with no source 7 (or half a marker mid-stream, "[1") stays as typed.
 */
export function tokenizeInline(text: string, known: (n: number) => boolean = () => true): Inline[] {
  const out: Inline[] = [];
  const pushText = (value: string) => {
    if (!value) return;
    const last = out[out.length - 1];
    if (last?.type === "text") last.text += value;
    else out.push({ type: "text", text: value });
  };
  let at = 0;
  for (const match of text.matchAll(MARKER)) {
    const numbers = match[1].split(",").map((part) => Number(part.trim()));
    if (!numbers.every(known)) continue;
    pushText(text.slice(at, match.index));
    for (const n of numbers) out.push({ type: "cite", n });
    at = match.index + match[0].length;
  }
  pushText(text.slice(at));
  return out;
}

/** Splits an answer into paragraphs (one per line) and lists (runs of "- " lines), each tokenized. */
export function parseAnswer(text: string, known?: (n: number) => boolean): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    if (BULLET.test(line)) {
      const inlines = tokenizeInline(line.replace(BULLET, ""), known);
      const last = blocks[blocks.length - 1];
      if (last?.type === "list") last.items.push(inlines);
      else blocks.push({ type: "list", items: [inlines] });
    } else {
      blocks.push({ type: "paragraph", inlines: tokenizeInline(line.trim(), known) });
    }
  }
  return blocks;
}

/** The citation numbers an answer's text refers to, in first-use order, each once. */
export function citedNumbers(text: string): number[] {
  const seen = new Set<number>();
  for (const inline of tokenizeInline(text)) if (inline.type === "cite") seen.add(inline.n);
  return [...seen];
}
