import { IngestionError, type ExtractedDocument, type Section } from '../extracted-document';
import { PdfReadError, readPdfText, type PdfReadLimits } from './pdf-text-reader';

/** Below the ingestion lease (INGEST_LEASE_S), so a slow file fails instead of being retried by another replica. */
export const PDF_READ_LIMITS: PdfReadLimits = { timeoutMs: 120_000, maxHeapMb: 512 };

/** A PDF as one section per page (pages carry their number; PDF text has no reliable headings). */
export async function parsePdf(bytes: Buffer, limits: PdfReadLimits = PDF_READ_LIMITS): Promise<ExtractedDocument> {
  const pdf = await readPdfText(bytes, limits).catch((err: unknown) => {
    throw err instanceof PdfReadError ? new IngestionError(reasonFor(err)) : err;
  });
  const sections: Section[] = pdf.pages
    .filter((page) => page.text.trim() !== '')
    .map((page) => ({ heading: [], text: page.text, kind: 'prose', page: page.num }));
  if (sections.length === 0) throw new IngestionError('the PDF has no extractable text (scanned images need OCR)');
  return {
    sections,
    pageCount: pdf.pageCount,
    title: pdf.title?.trim() || firstLine(sections[0].text),
    metadata: {},
  };
}

function reasonFor(err: PdfReadError): string {
  const detail = err.message.replace(/\.$/, '');
  switch (err.kind) {
    case 'invalid':
      return `the file is not a readable PDF: ${detail}`;
    case 'password':
      return 'the PDF is password-protected: upload it without a password';
    case 'timeout':
    case 'resources':
      return detail;
    case 'other':
      return `the PDF could not be read: ${detail}`;
  }
}

/** Most untitled PDFs open with their title on the first line; a long first line is prose, not a title. */
function firstLine(text: string): string | null {
  const line = text.split('\n').map((l) => l.trim()).find(Boolean);
  return line && line.length <= 100 ? line : null;
}
