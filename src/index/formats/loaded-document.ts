/** How a document was read: decided by its content, not only by its name. */
export type DocumentType = "pdf" | "docx" | "html" | "markdown" | "text";

/** A document turned into the line-based text that parseDocument reads. */
export interface LoadedDocument {
  type: DocumentType;
  /**
   * Markdown-like lines: `# Heading` (levels kept), `- item` bullets, paragraphs on one line separated
   * by a blank line, table rows as self-contained bullets. A PDF's pages are separated by a form feed
   * ("\f"): page N is the text after N-1 form feeds.
   */
  text: string;
  /** PDFs: number of pages. */
  pages?: number;
}
