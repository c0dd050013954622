import mammoth from 'mammoth';
import { IngestionError, type ExtractedDocument } from '../extracted-document';
import { firstHeading, htmlFragment, htmlToSections } from './html-sections';

/**
 * A Word document through mammoth, which maps its paragraph styles to HTML (Heading 1 → <h1>, lists,
 * tables); the shared HTML walk then turns headings into heading paths.
 */
export async function parseDocx(bytes: Buffer): Promise<ExtractedDocument> {
  const { value: html } = await mammoth.convertToHtml({ buffer: bytes }).catch((err: unknown) => {
    throw new IngestionError(`the file is not a readable DOCX: ${err instanceof Error ? err.message : String(err)}`);
  });
  const root = htmlFragment(html);
  return { sections: htmlToSections(root), pageCount: null, title: firstHeading(root), metadata: {} };
}
