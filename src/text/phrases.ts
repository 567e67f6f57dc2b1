/** The question's consecutive term pairs, each a phrase a passage may keep together ("paid leave"). */
export function termPairs(list: string[]): Array<readonly [string, string]> {
  return list.slice(1).map((term, i) => [list[i]!, term] as const).filter(([a, b]) => a !== b);
}

/** Whether `b` follows `a` within two terms: a phrase of the question kept together. */
export function keepsPhrase(list: string[], a: string, b: string): boolean {
  for (let i = 0; i < list.length; i++) {
    if (list[i] !== a) continue;
    if (list[i + 1] === b || list[i + 2] === b) return true;
  }
  return false;
}
