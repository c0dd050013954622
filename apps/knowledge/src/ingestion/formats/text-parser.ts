import type { ExtractedDocument } from '../extracted-document';

/** Plain text: its paragraphs (separated by blank lines), with no headings to go by. */
export function parseText(text: string): ExtractedDocument {
  const sections = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => ({ heading: [], text: paragraph, kind: 'prose' as const }));
  return { sections, pageCount: null, title: null, metadata: {} };
}

/** Bytes of a text file as a string: UTF-8, without a byte-order mark. */
export function decodeText(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
