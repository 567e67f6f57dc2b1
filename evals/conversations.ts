import { readFile } from "node:fs/promises";
import { z } from "zod";
import { DatasetError, parseJsonLines, qaItemSchema } from "./dataset.js";

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
  const conversations = parseJsonLines(text, path, conversationSchema).map(({ value, where }) => {
    if (!value.turns[0]!.standalone) throw new DatasetError(`${where}: the first turn must stand on its own`);
    return value;
  });
  if (!conversations.length) throw new DatasetError(`${path}: no conversations found`);
  return conversations;
}
