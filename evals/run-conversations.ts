import type { ChatMessage } from "../src/chat/index.js";
import type { Chronicle } from "../src/chronicle.js";
import type { Conversation } from "./conversations.js";
import { summarize, type EvalRecord, type Summary } from "./metrics.js";

/** How often the rewrite left a question that stands on its own exactly as typed. */
export interface StandaloneScore {
  /** Later turns marked standalone. */
  n: number;
  unchanged: number;
  /** Ids of the standalone turns the rewrite changed. */
  changed: string[];
}

/**
 * Plays each conversation turn by turn as a chat client would, through `chat`, the path every client
 * takes: the history so far (questions and the answers Chronicle gave, with their citations), the
 * rewrite of the last turn, then its answer. Every turn is scored like a single question, judged by what
 * it means in context.
 */
export async function runConversations(chronicle: Chronicle, conversations: Conversation[]): Promise<{ records: EvalRecord[]; summary: Summary; standalone: StandaloneScore }> {
  const records: EvalRecord[] = [];
  const standalone: StandaloneScore = { n: 0, unchanged: 0, changed: [] };
  for (const conversation of conversations) {
    const history: ChatMessage[] = [];
    for (const [index, turn] of conversation.turns.entries()) {
      history.push({ role: "user", content: turn.question });
      const started = performance.now();
      const { standalone: rewritten, result } = await chronicle.chat(history);
      const latencyMs = performance.now() - started;
      const id = `${conversation.id}#${index + 1}`;
      if (index > 0 && turn.standalone) {
        standalone.n++;
        if (rewritten === turn.question) standalone.unchanged++;
        else standalone.changed.push(id);
      }
      const hits = await chronicle.retrieve(rewritten, { k: 20 });
      records.push({
        item: { ...turn, id },
        retrievedTexts: hits.map((hit) => hit.chunk.text),
        result: { answer: result.answer, refused: result.refused, confidence: result.confidence, refusalReason: result.refusal?.reason },
        relatedTexts: (result.related ?? []).map((passage) => chronicle.chunk(passage.id)?.text ?? ""),
        citedTexts: result.citations.map((citation) => chronicle.chunk(citation.id)?.text ?? ""),
        latencyMs,
      });
      history.push({ role: "assistant", content: result.answer, citations: result.citations });
    }
  }
  return { records, summary: summarize(records), standalone };
}
