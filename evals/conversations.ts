import { readFile } from "node:fs/promises";
import { z } from "zod";
import { DatasetError, qaItemSchema } from "./dataset.js";

/** One turn: a question as typed, whether it stands on its own, and what its answer (read in context) must hold. */
export const turnSchema = qaItemSchema.omit({ id: true }).extend({
  /** True when the question needs no earlier turn: the rewrite must leave it exactly as it is. */
  standalone: z.boolean(),
});

/** One line of a conversations file: turns in order, the first standalone. */
export const conversationSchema = z.object({
  id: z.string().min(1),
  turns: z.array(turnSchema).min(1),
});

export type Conversation = z.infer<typeof conversationSchema>;

/** Reads and validates a JSONL conversations file; problems throw DatasetError naming the file and line. */
export async function loadConversations(path: string): Promise<Conversation[]> {
  const text = await readFile(path, "utf8").catch(() => {
    throw new DatasetError(`cannot read conversations ${path}`);
  });
  const conversations: Conversation[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${path}, line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new DatasetError(`${where}: not valid JSON`);
    }
    const parsed = conversationSchema.safeParse(value);
    if (!parsed.success) throw new DatasetError(`${where}: ${parsed.error.issues[0]?.message ?? "invalid conversation"} at ${parsed.error.issues[0]?.path.join(".")}`);
    if (!parsed.data.turns[0]!.standalone) throw new DatasetError(`${where}: the first turn must stand on its own`);
    conversations.push(parsed.data);
  });
  if (!conversations.length) throw new DatasetError(`${path}: no conversations found`);
  return conversations;
}
