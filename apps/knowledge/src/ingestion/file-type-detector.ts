export type FileDocumentType = 'pdf' | 'docx' | 'txt' | 'md' | 'html';

const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const BY_EXTENSION: Record<string, FileDocumentType> = {
  pdf: 'pdf', docx: 'docx', txt: 'txt', text: 'txt', md: 'md', markdown: 'md', html: 'html', htm: 'html', xhtml: 'html',
};
const BY_CONTENT_TYPE: Record<string, FileDocumentType> = {
  'application/pdf': 'pdf', [DOCX_CONTENT_TYPE]: 'docx', 'text/plain': 'txt', 'text/markdown': 'md',
  'text/x-markdown': 'md', 'text/html': 'html', 'application/xhtml+xml': 'html',
};

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

/**
 * What a file is, from its first bytes where the format has a signature (PDF, DOCX's zip) and from
 * its name or declared content type where it does not (text formats, which must then look like
 * text). Null when unsupported: a ".pdf" that is not a PDF, a zip that is not named a DOCX, binary
 * data named ".txt".
 */
export function detectFileType(filename: string, contentType: string | undefined, head: Buffer): FileDocumentType | null {
  // Readers accept a PDF header anywhere in the first KiB (some generators write junk before it).
  if (head.subarray(0, 1024).includes(PDF_MAGIC)) return 'pdf';
  const declared = BY_EXTENSION[extensionOf(filename)] ?? BY_CONTENT_TYPE[mimeOf(contentType)];
  if (head.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) return declared === 'docx' ? 'docx' : null;
  if (declared === 'txt' || declared === 'md' || declared === 'html') return looksLikeText(head) ? declared : null;
  return null;
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

function mimeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** UTF-8 (or ASCII) without NUL bytes; `stream` forgives a character cut at the end of the head. */
function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
