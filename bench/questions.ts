import type { Chunk } from "../src/index/chunk.js";
import { splitSentences } from "../src/index/sentences.js";

const TEMPLATES = [
  (subject: string) => `What happened when ${subject}?`,
  (subject: string) => `When did ${subject}?`,
  (subject: string) => `Tell me about ${subject}.`,
  (subject: string) => `Who was involved when ${subject}?`,
  (subject: string) => `Where did ${subject}?`,
];

// Questions are drawn from a pool this large whatever the count, so a short list and a long one are
// samples of the same questions.
const POOL = 20_000;

/**
 * Distinct, realistic questions built from the corpus itself: a few words of a sentence dropped into a
 * question template. Deterministic, so every run asks the same questions, and never the same one twice,
 * so no cache could flatter the figures. Shuffled (with a fixed seed): later passes over the corpus make
 * longer questions, and an encoder's time grows with a question's length, so in the order made the
 * questions of one stretch cost up to a third more to embed than another's. Shuffled, every stretch of
 * the list (a throughput row, the limit's sample) has the same mix.
 */
export function distinctQuestions(chunks: Chunk[], count: number): string[] {
  return shuffled(generate(chunks, Math.max(count, POOL))).slice(0, count);
}

function generate(chunks: Chunk[], count: number): string[] {
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

/** A fixed permutation (Fisher-Yates over a small seeded generator): the same order on every run. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 0x9e3779b9;
  const next = () => {
    // xorshift32
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
