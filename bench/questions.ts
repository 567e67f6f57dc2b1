import type { Chunk } from "../src/index/chunk.js";
import { splitSentences } from "../src/index/sentences.js";

const TEMPLATES = [
  (subject: string) => `What happened when ${subject}?`,
  (subject: string) => `When did ${subject}?`,
  (subject: string) => `Tell me about ${subject}.`,
  (subject: string) => `Who was involved when ${subject}?`,
  (subject: string) => `Where did ${subject}?`,
];

/**
 * Distinct, realistic questions built from the corpus itself: a few words of a sentence dropped into a
 * question template. Deterministic, so every run asks the same questions, and never the same one twice,
 * so no cache could flatter the figures.
 */
export function distinctQuestions(chunks: Chunk[], count: number): string[] {
  const subjects = chunks
    .flatMap((chunk) => splitSentences(chunk.text.replace(/^[^:]{0,30}:\s*/, "")))
    .map((sentence) => sentence.split(/\s+/).slice(0, 9).join(" ").replace(/[.,;:“”"]+$/g, ""))
    .filter((subject) => subject.split(" ").length >= 5);
  const questions = new Set<string>();
  for (let round = 0; questions.size < count && round < 1000; round++) {
    for (const [i, subject] of subjects.entries()) {
      const words = subject.split(" ");
      // Later rounds shift the window of words, so questions stay distinct past one pass.
      const shifted = words.slice(round % 3, words.length - Math.floor(round / 3) % 3).join(" ");
      questions.add(TEMPLATES[(i + round) % TEMPLATES.length](shifted || subject) + (round >= 9 ? ` (${round})` : ""));
      if (questions.size >= count) break;
    }
  }
  return [...questions];
}
