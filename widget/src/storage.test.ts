import { describe, expect, it } from "vitest";
import { emptyConversation, loadConversation, MAX_STORED_MESSAGES, randomId, RATER_KEY, raterId, saveConversation, STORAGE_VERSION, storageKey, type Conversation } from "./storage.js";

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() { return items.size; },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

const citation = { n: 1, id: "c-1", kind: "chronology" as const, doc: "doc.txt", date: { start: "2024-07-24", end: "2024-07-24" }, dateLabel: "July 24, 2024", text: "Bombers near Alaska." };

describe("conversation storage", () => {
  const key = storageKey("http://127.0.0.1:8787");

  it("round-trips messages, citations, refusals and the open state", () => {
    const storage = memoryStorage();
    const conversation: Conversation = {
      open: true,
      messages: [
        { role: "user", content: "When did bombers patrol near Alaska?" },
        { role: "assistant", content: "July 24 [1]", citations: [citation], refused: false },
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: "The corpus does not cover this question.", citations: [], refused: true },
      ],
    };
    expect(saveConversation(storage, key, conversation)).toBe(true);
    expect(loadConversation(storage, key)).toEqual(conversation);
  });

  it("keeps one conversation per server", () => {
    const storage = memoryStorage();
    saveConversation(storage, storageKey("http://a"), { open: false, messages: [{ role: "user", content: "a" }] });
    expect(loadConversation(storage, storageKey("http://b"))).toEqual(emptyConversation());
  });

  it("reads missing, corrupt, foreign and other-version data as an empty conversation", () => {
    const storage = memoryStorage();
    expect(loadConversation(storage, key)).toEqual(emptyConversation());
    for (const raw of ["{not json", "[]", "null", JSON.stringify({ version: STORAGE_VERSION + 1, messages: [{ role: "user", content: "x" }] })]) {
      storage.setItem(key, raw);
      expect(loadConversation(storage, key)).toEqual(emptyConversation());
    }
    expect(loadConversation(undefined, key)).toEqual(emptyConversation());
  });

  it("drops malformed messages and citations but keeps the good ones", () => {
    const storage = memoryStorage();
    storage.setItem(key, JSON.stringify({ version: STORAGE_VERSION, open: "yes", messages: [
      { role: "user", content: "ok" }, { role: "system", content: "no" }, { role: "user" },
      { role: "assistant", content: "a [1]", citations: [citation, { n: "1" }], refused: "true" },
    ] }));
    expect(loadConversation(storage, key)).toEqual({ open: false, messages: [
      { role: "user", content: "ok" },
      { role: "assistant", content: "a [1]", citations: [citation], refused: false },
    ] });
  });

  it("keeps the newest turns whole when trimming", () => {
    const storage = memoryStorage();
    const messages = Array.from({ length: MAX_STORED_MESSAGES + 3 }, (_, i) => ({ role: i % 2 ? "assistant" as const : "user" as const, content: String(i) }));
    saveConversation(storage, key, { open: false, messages });
    const loaded = loadConversation(storage, key).messages;
    expect(loaded[0].role).toBe("user");
    expect(loaded.at(-1)?.content).toBe(String(MAX_STORED_MESSAGES + 2));
    expect(loaded.length).toBeLessThanOrEqual(MAX_STORED_MESSAGES);
  });

  it("reports storage that throws (full or blocked) instead of failing", () => {
    const full = { setItem: () => { throw new Error("QuotaExceededError"); }, removeItem: () => undefined };
    expect(saveConversation(full, key, emptyConversation())).toBe(false);
    const blocked = { getItem: () => { throw new Error("SecurityError"); } };
    expect(loadConversation(blocked, key)).toEqual(emptyConversation());
  });
});

describe("rater id", () => {
  it("makes one random id, keeps it in storage, and falls back to memory when storage is blocked", () => {
    const storage = memoryStorage();
    let made = 0;
    const create = () => `web-test${++made}abcdef`;
    const first = raterId(storage, create);
    expect(first).toBe("web-test1abcdef");
    expect(storage.getItem(RATER_KEY)).toBe(first);
    expect(raterId(storage, create)).toBe(first);
    const blocked = { getItem: () => { throw new Error("SecurityError"); }, setItem: () => { throw new Error("SecurityError"); } };
    expect(raterId(blocked, create)).toBe(first); // the same for as long as the page is open
    expect(raterId(undefined, create)).toBe(first);
    expect(made).toBe(1);
    const other = memoryStorage();
    other.setItem(RATER_KEY, "web-0123456789abcdef");
    expect(raterId(other, create)).toBe("web-0123456789abcdef");
    other.setItem(RATER_KEY, "<not an id>");
    expect(raterId(other, create)).toBe("web-0123456789abcdef"); // a corrupt value is replaced
    expect(other.getItem(RATER_KEY)).toBe("web-0123456789abcdef");
  });

  it("makes ids of 128 random bits that the server accepts", () => {
    const a = randomId();
    expect(a).toMatch(/^web-[0-9a-f]{32}$/);
    expect(randomId()).not.toBe(a);
  });
});

describe("stored answers", () => {
  it("keep their id and rating, and drop a rating without an id or of another kind", () => {
    const storage = memoryStorage();
    const key = storageKey("http://rated");
    storage.setItem(key, JSON.stringify({ version: STORAGE_VERSION, open: false, messages: [
      { role: "user", content: "q" },
      { role: "assistant", content: "a", citations: [], refused: false, id: "ans-1", rating: "down" },
      { role: "user", content: "q2" },
      { role: "assistant", content: "b", citations: [], refused: true, rating: "up" },
      { role: "user", content: "q3" },
      { role: "assistant", content: "c", citations: [], refused: false, id: "ans-3", rating: "meh" },
    ] }));
    expect(loadConversation(storage, key).messages.filter((m) => m.role === "assistant")).toEqual([
      { role: "assistant", content: "a", citations: [], refused: false, id: "ans-1", rating: "down" },
      { role: "assistant", content: "b", citations: [], refused: true },
      { role: "assistant", content: "c", citations: [], refused: false, id: "ans-3" },
    ]);
  });
});
