import { getDocumentProxy } from "unpdf";
import { DocumentSkipError } from "./document-skip-error.js";
import { pdfText, type PdfTextItem } from "./pdf-layout.js";

/**
 * A PDF's text layer, page by page (pages separated by "\f"), read with pdf.js. `onPage` is called
 * after each page, so a caller timing the work can tell slow progress from none.
 */
export async function readPdf(bytes: Uint8Array, onPage: () => void = () => {}): Promise<{ text: string; pages: number }> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(bytes, {
      // Errors only: pdf.js warns about every font it substitutes.
      verbosity: 0,
      // Text is all that is read: fonts are never loaded for display.
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
    });
  } catch (error) {
    throw openError(error);
  }
  try {
    const pages: PdfTextItem[][] = [];
    let unreadable = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      try {
        const page = await pdf.getPage(number);
        const content = await page.getTextContent();
        pages.push(content.items.flatMap((item) => ("str" in item ? [toItem(item)] : [])));
        page.cleanup();
      } catch {
        // A damaged page costs its own text, not the document's.
        unreadable++;
        pages.push([]);
      }
      onPage();
    }
    if (pdf.numPages > 0 && unreadable === pdf.numPages) {
      throw new DocumentSkipError("corrupt", "PDF is damaged: none of its pages can be read; export it again from the program that made it");
    }
    const text = pdfText(pages);
    if (pdf.numPages > 0 && !/\S/.test(text)) {
      throw new DocumentSkipError(
        "no-text-layer",
        `PDF has no text layer (${pdf.numPages === 1 ? "its page holds" : `none of its ${pdf.numPages} pages holds`} any text), so it looks scanned; run OCR on it (e.g. ocrmypdf) and add the searchable copy`,
      );
    }
    return { text, pages: pdf.numPages };
  } finally {
    await pdf.loadingTask.destroy().catch(() => {});
  }
}

function toItem(item: { str: string; transform: number[]; width: number; hasEOL: boolean }): PdfTextItem {
  const [, , c, d, x, y] = item.transform;
  return { str: item.str, x, y, width: item.width, fontSize: Math.hypot(c, d), hasEOL: item.hasEOL };
}

/** pdf.js's reasons for not opening a document, as skip reasons. */
function openError(error: unknown): DocumentSkipError {
  const name = (error as Error | undefined)?.name;
  if (name === "PasswordException") {
    return new DocumentSkipError("encrypted", "PDF is encrypted (password protected); remove the password or export an unprotected copy", { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new DocumentSkipError("corrupt", `PDF is damaged or truncated and cannot be opened (${detail}); export it again from the program that made it`, { cause: error });
}
