import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConversations } from "./conversations.js";

const turn = (question: string, standalone: boolean) => ({ question, standalone, answer: "", mustInclude: [], sources: [], answerable: false });

async function file(lines: string[]): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "chronicle-conversations-")), "c.jsonl");
  await writeFile(path, lines.join("\n"));
  return path;
}

describe("loadConversations", () => {
  it("reads conversations turn by turn", async () => {
    const path = await file([JSON.stringify({ id: "c1", turns: [turn("Who leads the team?", true), turn("and since when?", false)] }), ""]);
    const [conversation] = await loadConversations(path);
    expect(conversation!.turns.map((t) => t.standalone)).toEqual([true, false]);
  });

  it("names the file and line of a bad conversation", async () => {
    await expect(loadConversations(await file(["{not json"]))).rejects.toThrow(/c\.jsonl, line 1: not valid JSON/);
    await expect(loadConversations(await file([JSON.stringify({ id: "c1", turns: [turn("and then?", false)] })]))).rejects.toThrow(/line 1: the first turn must stand on its own/);
    await expect(loadConversations(await file([JSON.stringify({ id: "c1", turns: [] })]))).rejects.toThrow(/line 1: .*turns/);
  });
});
