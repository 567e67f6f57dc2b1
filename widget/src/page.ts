/**
 * page.js, for the Chronicle page (GET /): the chat full-size beside the chronology as a timeline
 * grouped by month, with a month filter and a text filter. Clicking a citation chip in the chat
 * scrolls the timeline to that entry and highlights it. The title, subtitle and the timeline's
 * period come from the server's description of its corpus (GET /api/corpus).
 */
import { createClient, NotReadyError } from "./api.js";
import { describeWait, retryDelay, sleep } from "./backoff.js";
import { defineChat, type CitationEventDetail } from "./chat-element.js";
import { NEUTRAL_TITLE, pageSubtitle, timelineHeading } from "./corpus-copy.js";
import { loadCorpus } from "./corpus-info.js";
import { h, replace } from "./dom.js";
import { formatMonth, formatRange, monthKey } from "./format.js";
import type { Citation, CorpusInfo, SourceChunk } from "./types.js";

defineChat();

const client = createClient({ server: location.origin });
const list = document.getElementById("tl-list") as HTMLElement;
const status = document.getElementById("tl-status") as HTMLElement;
const month = document.getElementById("tl-month") as HTMLSelectElement;
const query = document.getElementById("tl-q") as HTMLInputElement;
const chat = document.querySelector("chronicle-chat");
const pageTitle = document.getElementById("page-title") as HTMLElement;
const pageSubtitleEl = document.getElementById("page-subtitle") as HTMLElement;
const timelineTitle = document.getElementById("tl-title") as HTMLElement;

let entries: SourceChunk[] = [];
const rows = new Map<string, HTMLElement>();
let highlighted: HTMLElement | undefined;

// A wait for the server to be ready, cut short by the Retry button.
let waiting: AbortController | undefined;

/**
 * Loads the timeline. While the server answers 503 not_ready (its index loading or rebuilding) the status
 * shows the server's reason and loads again by itself: 1 s, 2 s, 4 s … up to 30 s, never before its
 * Retry-After. Any other failure waits for the Retry button.
 */
async function load(): Promise<void> {
  waiting?.abort();
  waiting = undefined;
  for (let attempt = 0; ; attempt++) {
    replace(status, "Loading the chronology…");
    try {
      entries = (await client.chronology()).filter((entry) => entry.date);
      break;
    } catch (error) {
      const notReady = error instanceof NotReadyError;
      const retry = h("button", { class: "retry", type: "button", onclick: () => void load() }, notReady ? "Retry now" : "Retry");
      if (!(error instanceof NotReadyError)) {
        replace(status, `The chronology could not be loaded. ${error instanceof Error ? error.message : ""} `, retry);
        return;
      }
      const wait = retryDelay(attempt, error.retryAfter);
      replace(status, `${error.message} Loading again by itself in ${describeWait(wait)}. `, retry);
      const controller = new AbortController();
      waiting = controller;
      try {
        await sleep(wait, controller.signal);
      } catch {
        return; // Retry was pressed: that load takes over.
      }
    }
  }
  const months = [...new Set(entries.map((entry) => monthKey(entry.date!)))].sort();
  replace(month, h("option", { value: "" }, "All months"), ...months.map((key) => h("option", { value: key }, formatMonth(key))));
  render();
}

/** The corpus names itself: the page's title, the line under it, and the period the timeline covers. */
function describe(corpus: CorpusInfo): void {
  const title = corpus.title.trim() || NEUTRAL_TITLE;
  document.title = title;
  replace(pageTitle, title);
  replace(pageSubtitleEl, pageSubtitle(corpus));
  replace(timelineTitle, timelineHeading(corpus));
}

/** Lowercased, accents and curly quotes folded, so "o'brien" finds "O’Brien" and "lake" finds "Lake". */
function fold(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[‘’]/g, "'");
}

function render(): void {
  const words = fold(query.value).split(/\s+/).filter(Boolean);
  const shown = entries.filter((entry) => {
    if (month.value && monthKey(entry.date!) !== month.value) return false;
    const haystack = fold(`${entry.dateLabel ?? ""} ${entry.text}`);
    return words.every((word) => haystack.includes(word));
  });
  const groups = new Map<string, SourceChunk[]>();
  for (const entry of shown) {
    const key = monthKey(entry.date!);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  rows.clear();
  highlighted = undefined;
  replace(list, ...[...groups].map(([key, group]) => h("section", { class: "month", "aria-labelledby": `m-${key}` },
    h("h3", { id: `m-${key}` }, formatMonth(key)),
    h("ol", null, ...group.map((entry) => {
      const row = h("li", { class: "entry", id: `entry-${entry.id}`, "data-id": entry.id, tabindex: -1 },
        h("time", { datetime: entry.date!.start }, entry.dateLabel ?? formatRange(entry.date!)),
        h("p", null, entry.text.replace(/^[^:]{3,40}\d{4}:\s*/, "")));
      rows.set(entry.id, row);
      return row;
    })))));
  const filtered = Boolean(month.value || words.length);
  replace(status, shown.length === 0
    ? "No entries match these filters."
    : `${shown.length} ${shown.length === 1 ? "entry" : "entries"}${filtered ? ` of ${entries.length}` : ""}`);
}

/** The timeline entry a citation points at: itself, or for an article passage the entry of the same day. */
function entryFor(citation: Citation): SourceChunk | undefined {
  const same = entries.find((entry) => entry.id === citation.id);
  if (same || !citation.date) return same;
  const { start, end } = citation.date;
  return entries.find((entry) => entry.date!.start === start) ?? entries.find((entry) => entry.date!.start <= end && entry.date!.end >= start);
}

function show(entry: SourceChunk): void {
  if (!rows.has(entry.id)) {
    month.value = "";
    query.value = "";
    render();
  }
  const row = rows.get(entry.id);
  if (!row) return;
  highlighted?.classList.remove("hit");
  row.classList.add("hit");
  highlighted = row;
  const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
  row.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
  replace(status, `Showing ${entry.dateLabel ?? formatRange(entry.date!)} in the chronology.`);
}

chat?.addEventListener("chronicle-citation", (event) => {
  const { citation } = (event as CustomEvent<CitationEventDetail>).detail;
  const entry = entryFor(citation);
  if (!entry) return; // Not in the timeline (an undated article passage): the chat shows it instead.
  event.preventDefault();
  show(entry);
});
month.addEventListener("change", render);
query.addEventListener("input", render);
void load();
// The static page's neutral wording stays if the description cannot be had.
loadCorpus(client).then(describe, () => undefined);
