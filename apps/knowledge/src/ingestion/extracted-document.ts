/**
 * What every parser produces: the text of a document as sections under their headings. The
 * chunker turns sections into chunks; nothing downstream knows which format they came from.
 */
export interface Section {
  /** Headings above this text, outermost first (["Pricing", "Enterprise"]); for an FAQ pair, [question]. */
  heading: string[];
  text: string;
  /** `faq`: one question/answer pair, never split across chunks. */
  kind: 'prose' | 'faq';
  /** 1-based page of a PDF. */
  page?: number;
  /** The page of a crawled website this text came from. */
  url?: string;
}

export interface ExtractedDocument {
  sections: Section[];
  /** Pages of a PDF (or pages crawled for a website); null for formats without pages. */
  pageCount: number | null;
  /** A title found in the file (PDF info, HTML <title>, first heading), used when the upload names none. */
  title: string | null;
  /** Type-specific facts stored on the document (e.g. crawled and skipped pages). */
  metadata: Record<string, unknown>;
}

/** A document that cannot be ingested, with a reason a user can act on; its job ends failed. */
export class IngestionError extends Error {
  override name = 'IngestionError';
}
