import { basename, extname } from "node:path";
import type { Chronicle } from "./chronicle.js";
import { MONTH_NAMES } from "./dates/index.js";
import type { Chunk, DateRange } from "./index/index.js";

/** One indexed document as clients list it. */
export interface DescribedDocument {
  /** File name inside the corpus folder. */
  name: string;
  /** The heading every passage of the document sits under, or else the file name made readable. */
  title: string;
}

/**
 * What a client needs to present one corpus (GET /api/corpus): the profile's words when the corpus has
 * a profile, words derived from the index when it has none. Clients write nothing about a subject themselves.
 */
export interface CorpusDescription {
  /** The profile's title; without one, the single document's title or "Chronicle". */
  title: string;
  /** The profile's description; without one, how many documents there are. */
  description: string;
  /** Questions to offer a new user: the profile's, or a few built from the index alone. */
  sampleQuestions: string[];
  documents: DescribedDocument[];
  /** The first and last day of the dated passages, or null when nothing is dated. */
  coverage: DateRange | null;
  counts: { documents: number; passages: number; datedEntries: number };
}

/** The parts of a loaded chronicle a description is read from. */
export type DescribedChronicle = Pick<Chronicle, "profile" | "chunks" | "ingest" | "retriever">;

/** The name Chronicle goes by when the corpus gives it no other. */
export const DEFAULT_TITLE = "Chronicle";

const MAX_TITLE = 120;

// A loaded chronicle never changes (a re-index builds a new one), so each is described once.
const described = new WeakMap<DescribedChronicle, CorpusDescription>();

/** Describes a loaded chronicle's corpus from its profile (corpus/chronicle.json) and its index. */
export function describeCorpus(chronicle: DescribedChronicle): CorpusDescription {
  let description = described.get(chronicle);
  if (!description) described.set(chronicle, (description = buildDescription(chronicle)));
  return description;
}

function buildDescription(chronicle: DescribedChronicle): CorpusDescription {
  const { profile, chunks } = chronicle;
  const byDoc = groupByDocument(chunks);
  const documents = chronicle.ingest.index.manifest.documents
    .filter((record) => record.status === "indexed")
    .map(({ name }) => ({ name, title: documentTitle(name, byDoc.get(name) ?? []) }));
  const coverage = chronicle.retriever.coverage ?? null;
  return {
    title: profile.title ?? (documents.length === 1 ? documents[0]!.title : DEFAULT_TITLE),
    description: profile.description || `Ask about ${documents.length === 1 ? "one document" : `${documents.length} documents`}.`,
    sampleQuestions: profile.sampleQuestions.length > 0 ? [...profile.sampleQuestions] : derivedQuestions(documents, coverage),
    documents,
    coverage,
    counts: { documents: documents.length, passages: chunks.length, datedEntries: chunks.filter((chunk) => chunk.date).length },
  };
}

/**
 * Questions any corpus can be asked, for one without a profile: what happened in the month of its latest
 * dated passage, and what its first document is about. Nothing in them names a subject the index does not.
 */
function derivedQuestions(documents: DescribedDocument[], coverage: DateRange | null): string[] {
  const questions: string[] = [];
  if (coverage) {
    const [year, month] = coverage.end.split("-").map(Number);
    questions.push(`What happened in ${MONTH_NAMES[month! - 1]} ${year}?`);
  }
  if (documents[0]) questions.push(`What is “${documents[0].title}” about?`);
  return questions;
}

function groupByDocument(chunks: readonly Chunk[]): Map<string, Chunk[]> {
  const byDoc = new Map<string, Chunk[]>();
  for (const chunk of chunks) {
    const list = byDoc.get(chunk.doc);
    if (list) list.push(chunk);
    else byDoc.set(chunk.doc, [chunk]);
  }
  return byDoc;
}

/**
 * A heading above every passage is the document's own title (a Markdown "# Release notes"); a heading above
 * only the first passage is just its first section ("Overview"), so then the file name stands in.
 */
function documentTitle(name: string, chunks: readonly Chunk[]): string {
  const top = chunks[0]?.headings?.[0]?.trim();
  if (top && chunks.every((chunk) => chunk.headings?.[0]?.trim() === top)) return top.slice(0, MAX_TITLE);
  return readableFileName(name);
}

/** "annual-report_2023.txt" → "Annual report 2023". */
function readableFileName(name: string): string {
  const stem = basename(name, extname(name)).replace(/[-_]+/g, " ").replace(/\s+/g, " ").trim() || name;
  return (stem.charAt(0).toUpperCase() + stem.slice(1)).slice(0, MAX_TITLE);
}
