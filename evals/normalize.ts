/**
 * Text normalization shared by every comparison the eval makes (sources and mustInclude).
 *
 * The corpus mixes curly and straight quotes and odd whitespace; answers may not.
 * Comparing normalized forms keeps the metrics about content, not typography.
 * Only the listed steps are applied: dashes, for instance, are left alone on purpose.
 */
export function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/\s+/g, " ");
}

/** True when `needle` occurs in `haystack` after both are normalized. */
export function containsNormalized(haystack: string, needle: string): boolean {
  return normalize(haystack).includes(normalize(needle));
}

/**
 * Sources are quoted from the files as written, Markdown and all; documents are read into plain text
 * (code marks, emphasis and heading marks dropped, a table row written as "Header: cell; …"). So a
 * source is compared without its markup, and a table row is found when its cells occur in order.
 */
export function containsSource(haystack: string, source: string): boolean {
  const text = normalize(stripMarkup(haystack));
  const row = /^\s*\|(.*)\|\s*$/.exec(source);
  if (row) {
    const cells = row[1].split("|").map((cell) => normalize(stripMarkup(cell)).trim()).filter(Boolean);
    let from = 0;
    for (const cell of cells) {
      const at = text.indexOf(cell, from);
      if (at < 0) return false;
      from = at + cell.length;
    }
    return cells.length > 0;
  }
  return text.includes(normalize(stripMarkup(source)).trim());
}

function stripMarkup(text: string): string {
  return text
    .replace(/`+/g, "")
    .replace(/\*\*|__/g, "")
    .replace(/^\s*(?:#{1,6}|[-*+]|\d+\.)\s+/gm, "");
}
