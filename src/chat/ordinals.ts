/** A reference to one item of the previous answer: "the second one", "the last of them", "[3]". */
export interface OrdinalReference {
  /** The words matched, as written. */
  text: string;
  index: number;
  /** 1-based position, or "last". */
  which: number | "last";
}

const ORDINAL_WORDS: Record<string, number | "last"> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, former: 1, last: "last", final: "last", latter: "last",
};
const ORDINAL = String.raw`(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last|final|former|latter|\d{1,2}(?:st|nd|rd|th))`;
// Nouns that point back at the answer's items; "the first joint patrol" asks about order instead.
const POINTER = String.raw`(?:one|item|entry|result|source|citation|point|(?:one|item|entry|event)\s+(?:you\s+)?(?:mentioned|listed|cited)|of\s+(?:them|those|these))`;

const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => number | "last" | undefined]> = [
  [new RegExp(String.raw`\bthe\s+${ORDINAL}\s+${POINTER}\b`, "i"), (m) => ordinal(m[1])],
  // "and the second?", "what about the latter": the ordinal closes the question.
  [new RegExp(String.raw`\bthe\s+${ORDINAL}(?=\s*[?.!]?\s*$)`, "i"), (m) => ordinal(m[1])],
  [/\b(?:number|no\.|item|entry|source|citation)\s*#?(\d{1,2})\b|#(\d{1,2})\b|\[(\d{1,2})\]/i, (m) => Number(m[1] ?? m[2] ?? m[3])],
];

function ordinal(word: string): number | "last" | undefined {
  const lower = word.toLowerCase();
  if (/^\d/.test(lower)) return Number.parseInt(lower, 10) || undefined;
  return ORDINAL_WORDS[lower];
}

/** The first reference to a numbered item in `text`, if any. */
export function findOrdinalReference(text: string): OrdinalReference | undefined {
  const found: OrdinalReference[] = [];
  for (const [pattern, read] of PATTERNS) {
    const m = pattern.exec(text);
    const which = m && read(m);
    if (m && which) found.push({ text: m[0], index: m.index, which });
  }
  return found.sort((a, b) => a.index - b.index)[0];
}
