import type { Citation } from "./types.js";

/** 👍 or 👎, as POST /api/feedback names them. */
export type Rating = "up" | "down";

/** A finished turn of the conversation, as kept in sessionStorage. */
export interface StoredMessage {
  role: "user" | "assistant";
  content: string;
  citations?: Citation[];
  refused?: boolean;
  /** An answer's id on the server, which its rating names. */
  id?: string;
  /** The reader's rating of the answer, once the server recorded it. */
  rating?: Rating;
}

export interface Conversation {
  messages: StoredMessage[];
  /** Whether the panel was open, so a reload puts it back as it was. */
  open: boolean;
}

/** Stamped on what is saved; a different version is dropped rather than misread. */
export const STORAGE_VERSION = 1;
/** The oldest turns are dropped past this, to stay well inside the storage quota. */
export const MAX_STORED_MESSAGES = 60;

type ReadStorage = Pick<Storage, "getItem">;
type WriteStorage = Pick<Storage, "setItem" | "removeItem">;

/** One conversation per Chronicle server, so two widgets on one site do not mix their chats. */
export function storageKey(server: string): string {
  return `chronicle-chat:${server}`;
}

export function emptyConversation(): Conversation {
  return { messages: [], open: false };
}

/** Saves the conversation; false when storage is unavailable or full (the chat still works, unsaved). */
export function saveConversation(storage: WriteStorage | undefined, key: string, conversation: Conversation): boolean {
  if (!storage) return false;
  const messages = conversation.messages.slice(-MAX_STORED_MESSAGES);
  // Keep turns whole: never start the saved history on an orphan answer.
  if (messages[0]?.role === "assistant") messages.shift();
  try {
    storage.setItem(key, JSON.stringify({ version: STORAGE_VERSION, messages, open: conversation.open }));
    return true;
  } catch {
    return false;
  }
}

/** Reads a saved conversation back; anything missing, corrupt or of another version reads as empty. */
export function loadConversation(storage: ReadStorage | undefined, key: string): Conversation {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(key) ?? null;
  } catch {
    return emptyConversation();
  }
  if (!raw) return emptyConversation();
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isRecord(parsed) || parsed.version !== STORAGE_VERSION || !Array.isArray(parsed.messages)) return emptyConversation();
    const messages = parsed.messages.filter(isStoredMessage).map(normalize);
    return { messages, open: parsed.open === true };
  } catch {
    return emptyConversation();
  }
}

export function clearConversation(storage: WriteStorage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Storage that cannot be written holds nothing to clear.
  }
}

function normalize(message: StoredMessage): StoredMessage {
  const out: StoredMessage = { role: message.role, content: message.content };
  if (message.role === "assistant") {
    out.citations = Array.isArray(message.citations) ? message.citations.filter(isCitation) : [];
    out.refused = message.refused === true;
    if (typeof message.id === "string" && message.id) out.id = message.id;
    if (out.id && (message.rating === "up" || message.rating === "down")) out.rating = message.rating;
  }
  return out;
}

/** Where the browser's rater id is kept (localStorage), shared by every Chronicle server the browser rates on. */
export const RATER_KEY = "chronicle-rater";
const RATER = /^[A-Za-z0-9_-]{8,100}$/;
// Used when storage cannot be read or written: stable for as long as the page stays open.
let memoryRater: string | undefined;

/**
 * The anonymous id this browser rates answers under, so that rating an answer again replaces the earlier
 * rating: random, made once and kept in `storage` (localStorage), or in memory when storage is blocked.
 */
export function raterId(storage: Pick<Storage, "getItem" | "setItem"> | undefined, create: () => string = randomId): string {
  let saved: string | null | undefined;
  try {
    saved = storage?.getItem(RATER_KEY);
  } catch {
    // Blocked storage: the id lives in memory instead.
  }
  if (saved && RATER.test(saved)) return (memoryRater = saved);
  const id = memoryRater ?? create();
  memoryRater = id;
  try {
    storage?.setItem(RATER_KEY, id);
  } catch {
    // Full or blocked: memory only.
  }
  return id;
}

/** 128 random bits as "web-" and hex. crypto.getRandomValues works outside secure contexts too, unlike randomUUID. */
export function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `web-${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStoredMessage(value: unknown): value is StoredMessage {
  return isRecord(value) && (value.role === "user" || value.role === "assistant") && typeof value.content === "string";
}

/** Checks the fields the widget renders; text fields are rendered as text whatever they hold. */
export function isCitation(value: unknown): value is Citation {
  return (
    isRecord(value) &&
    typeof value.n === "number" &&
    typeof value.id === "string" &&
    typeof value.text === "string" &&
    typeof value.doc === "string" &&
    (value.kind === "chronology" || value.kind === "article")
  );
}
