const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

// Abbreviations after which a period does not end a sentence ("Aug. 21", "Gen. Li", "St. Petersburg").
const ABBREVIATION = /(?:^|[\s(“"])(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|gen|lt|col|adm|maj|capt|mr|mrs|ms|dr|st|prof|sen|rep|gov|pres|no|vs|etc|jr|sr|inc|co|corp|ltd|mt|ft|fm|dept|approx|[a-z])\.\s*$/i;

/**
 * Splits prose into sentences with ICU's rules, then mends the breaks ICU makes after abbreviations
 * and before a continuation that starts in lower case or with a digit.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const piece = segment.trim();
    if (!piece) continue;
    const previous = sentences[sentences.length - 1];
    if (previous !== undefined && (ABBREVIATION.test(previous) || /^[a-z0-9]/.test(piece))) {
      sentences[sentences.length - 1] = `${previous} ${piece}`;
    } else {
      sentences.push(piece);
    }
  }
  return sentences;
}
