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
