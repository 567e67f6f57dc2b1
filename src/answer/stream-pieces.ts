import { splitSentences } from "../index/sentences.js";

/** The text cut after each line and each sentence, whitespace kept, so the pieces join back to the text. */
export function streamPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    let rest = line;
    // A citation marker stays with the sentence it cites.
    const sentences = splitSentences(line).filter((sentence, i, all) => !/^(\[\d+\]\s*)+$/.test(all[i + 1] ?? ""));
    for (const sentence of sentences.slice(0, -1)) {
      const end = rest.indexOf(sentence) + sentence.length;
      const next = rest.slice(end).search(/\S/);
      const cut = next < 0 ? rest.length : end + next;
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    if (rest) pieces.push(rest);
  }
  return pieces;
}
