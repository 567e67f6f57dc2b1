import { createHash } from "node:crypto";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { Chunk } from "./chunk.js";
import { parseChronologyLine } from "./chronology.js";
import { splitSentences } from "./sentences.js";
import { findDates } from "../dates/index.js";

/** Longest article chunk, in characters: long paragraphs are split between sentences to fit. */
export const MAX_CHUNK_CHARS = 700;
// Each piece of a split paragraph repeats the last sentence or two of the piece before, so any two
// neighbouring sentences are found together in some chunk.
const OVERLAP_CHARS = 250;

/** Identifies how documents are cut into chunks: an index cut another way is rebuilt. */
export const CHUNKING_ID = `max${MAX_CHUNK_CHARS}-overlap${OVERLAP_CHARS}`;

const CAPTION = /^(figure|fig\.|table|photo|source)\s*\d*\b/i;
const BULLET = /^\s*[-*•]\s+/;
const MARKDOWN_HEADING = /^#{1,6}\s+/;

/**
 * Turns one corpus document into chunks: every chronology line becomes a dated entry; article prose is
 * chunked by section and paragraph; dated bullet items get their dates, the year taken from the document.
 * Figure captions are left out: they describe pictures, they do not answer questions.
 */
export async function parseDocument(doc: string, text: string): Promise<Chunk[]> {
  const year = dominantYear(text);
  const pieces: Array<Omit<Chunk, "id" | "position">> = [];
  let section: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || CAPTION.test(line)) continue;
    const entry = parseChronologyLine(line, year);
    if (entry) {
      pieces.push({ doc, kind: "chronology", text: line, date: entry.date, dateLabel: entry.dateLabel });
    } else if (MARKDOWN_HEADING.test(line) || isHeading(line)) {
      section = line.replace(MARKDOWN_HEADING, "");
    } else if (BULLET.test(line)) {
      pieces.push({ doc, kind: "article", text: line.replace(BULLET, ""), section, ...bulletDate(line, year) });
    } else {
      for (const part of await splitParagraph(line)) pieces.push({ doc, kind: "article", text: part, section });
    }
  }
  return withIds(doc, pieces);
}

/** A short line that does not end like a sentence is a section heading ("Multilateralism to Go"). */
function isHeading(line: string): boolean {
  return line.length <= 80 && !/[.:;,!?"”)]$/.test(line) && /^[\p{Lu}\d]/u.test(line);
}

/** A bullet's first date mention that names a day or part of a month ("July 24:", "In late July,"). */
function bulletDate(line: string, year: number): Pick<Chunk, "date" | "dateLabel"> {
  const mention = findDates(line, year).find((m) => m.precision === "day" || m.precision === "month");
  return mention ? { date: mention.range, dateLabel: mention.text } : {};
}

const splitter = new RecursiveCharacterTextSplitter({
  chunkSize: MAX_CHUNK_CHARS,
  chunkOverlap: OVERLAP_CHARS,
  separators: ["\n"],
  keepSeparator: false,
});

/** Splits a long paragraph between sentences: one sentence per line, then the splitter packs lines. */
async function splitParagraph(paragraph: string): Promise<string[]> {
  if (paragraph.length <= MAX_CHUNK_CHARS) return [paragraph];
  const packed = await splitter.splitText(splitSentences(paragraph).join("\n"));
  return packed.map((part) => part.replace(/\n/g, " "));
}

/** The year the document speaks of most: the year for dates written without one. */
export function dominantYear(text: string): number {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/\b(19\d{2}|20\d{2})\b/g)) counts.set(+m[1], (counts.get(+m[1]) ?? 0) + 1);
  let best = new Date().getUTCFullYear();
  let bestCount = 0;
  for (const [year, count] of counts) if (count > bestCount) [best, bestCount] = [year, count];
  return best;
}

/** Ids come from the document and the text, so they stay the same across runs and across insertions. */
function withIds(doc: string, pieces: Array<Omit<Chunk, "id" | "position">>): Chunk[] {
  const slug = doc.replace(/\.[^.]+$/, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const seen = new Map<string, number>();
  return pieces.map((piece, position) => {
    const hash = createHash("sha1").update(`${piece.kind}\n${piece.text}`).digest("hex").slice(0, 10);
    const count = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, count);
    const id = `${slug}-${hash}${count > 1 ? `-${count}` : ""}`;
    return { id, position, ...piece };
  });
}
