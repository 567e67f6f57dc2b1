/** The longest question Chronicle answers, in characters, on every HTTP route and in Slack. */
export const QUESTION_MAX_CHARS = 2_000;

/**
 * A text's length as a person counts it: code points, so "😀" is one character, not the two UTF-16 units
 * `text.length` says. Every limit on what callers send is counted this way, and every message that
 * reports a length reports this count.
 */
export function characterCount(text: string): number {
  let count = 0;
  // Iterating a string walks code points; spreading it into an array would allocate for nothing.
  for (const _ of text) count++;
  return count;
}

/**
 * Why a question is too long, naming its length beside the limit ("question is 2345 characters; the limit
 * is 2000"), or undefined when it fits. `subject` names it as the caller knows it ("the last question").
 */
export function questionTooLong(question: string, subject = "question"): string | undefined {
  const count = characterCount(question);
  return count > QUESTION_MAX_CHARS ? `${subject} is ${count} characters; the limit is ${QUESTION_MAX_CHARS}` : undefined;
}
