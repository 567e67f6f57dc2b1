import { readFile } from "node:fs/promises";
import { z } from "zod";

/** One line of a Q&A file: a question, its reference answer and what a good answer and retrieval must contain. */
export const qaItemSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  /** Reference answer, for people reading the file; never compared directly. */
  answer: z.string(),
  /** Every group must be satisfied; a group is satisfied when any of its alternatives appears in the answer. */
  mustInclude: z.array(z.array(z.string().min(1)).min(1)),
  /** Verbatim corpus substrings a supporting chunk contains. */
  sources: z.array(z.string().min(1)),
  /** False when the corpus does not contain the answer and the assistant should refuse. */
  answerable: z.boolean(),
});

/** A validated Q&A item. */
export type QaItem = z.infer<typeof qaItemSchema>;

/** A dataset problem that is the file's fault: its message is one line, meant to be shown as is. */
export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatasetError";
  }
}

/** Reads and validates a JSONL Q&A file. Throws DatasetError naming the file (and line) on any problem. */
export async function loadDataset(path: string): Promise<QaItem[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (code ?? "unreadable");
    throw new DatasetError(`cannot read dataset ${path}: ${reason}`);
  }
  return parseDataset(text, path);
}

/**
 * Each non-blank line of a JSONL text checked against `schema`, with its line number. Blank lines are
 * skipped but still counted; `file` is only used in error messages.
 */
export function parseJsonLines<T>(text: string, file: string, schema: z.ZodType<T>): Array<{ value: T; lineNo: number; where: string }> {
  const rows: Array<{ value: T; lineNo: number; where: string }> = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const lineNo = index + 1;
    if (line.trim() === "") return;
    const where = `${file}, line ${lineNo}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new DatasetError(`${where}: not valid JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new DatasetError(`${where}: ${describeIssue(parsed.error.issues[0])}`);
    rows.push({ value: parsed.data, lineNo, where });
  });
  return rows;
}

/** Parses JSONL text; `file` is only used in error messages. Blank lines are skipped but still counted. */
export function parseDataset(text: string, file: string): QaItem[] {
  const items: QaItem[] = [];
  const firstLineOfId = new Map<string, number>();
  parseJsonLines(text, file, qaItemSchema).forEach(({ value: item, lineNo, where }) => {
    const earlier = firstLineOfId.get(item.id);
    if (earlier !== undefined) throw new DatasetError(`${where}: duplicate id "${item.id}" (first used on line ${earlier})`);
    firstLineOfId.set(item.id, lineNo);
    items.push(item);
  });
  if (items.length === 0) throw new DatasetError(`${file}: no questions found`);
  return items;
}

/** Turns a zod issue into a short phrase such as `field "sources[2]": expected string, received number`. */
function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "invalid item";
  const path = issue.path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join("");
  const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
  if (missing) return `missing field "${path}"`;
  return path ? `field "${path}": ${issue.message}` : issue.message;
}
