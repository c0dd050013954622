import JSZip from 'jszip';
import PDFDocument from 'pdfkit';

/**
 * Real documents built in memory, so tests ingest the formats users upload without shipping
 * binary fixtures: PDFs written by pdfkit, DOCX packages written as WordprocessingML with jszip.
 */

export interface PdfFixturePage {
  heading: string;
  paragraphs: string[];
}

/** A text PDF, one page per entry; its info Title is `options.title`, else the first page's heading. */
export function pdfFixture(pages: PdfFixturePage[], options: { title?: string } = {}): Promise<Buffer> {
  const title = options.title ?? pages[0]?.heading;
  const doc = new PDFDocument({ autoFirstPage: false, info: title ? { Title: title } : {} });
  const done = collect(doc);
  for (const page of pages) {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(18).text(page.heading).moveDown();
    for (const paragraph of page.paragraphs) doc.font('Helvetica').fontSize(11).text(paragraph).moveDown();
  }
  doc.end();
  return done;
}

/** A PDF with pages but no text, as a scanner produces (only drawings, no text layer). */
export function imageOnlyPdf(pageCount = 1): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const done = collect(doc);
  for (let i = 0; i < pageCount; i++) {
    doc.addPage();
    doc.rect(72, 72, 200, 120).fill('#777777');
  }
  doc.end();
  return done;
}

/** Starts like a PDF (the `%PDF-` header passes type detection) but has no readable structure. */
export function corruptPdf(): Buffer {
  return Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nthis is not a pdf body\n%%EOF garbage', 'latin1');
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const parts: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (part: Buffer) => parts.push(part));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
  });
}

export interface DocxFixtureBlock {
  /** A heading paragraph (style Heading<level>, which mammoth maps to <h1>..<h3>). */
  heading?: string;
  level?: 1 | 2 | 3;
  /** A body paragraph. */
  text?: string;
}

/** A minimal but real .docx package: content types, relationships, styles and the document part. */
export async function docxFixture(blocks: DocxFixtureBlock[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('_rels/.rels', PACKAGE_RELS);
  zip.file('word/_rels/document.xml.rels', DOCUMENT_RELS);
  zip.file('word/styles.xml', STYLES);
  zip.file('word/document.xml', documentXml(blocks));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function documentXml(blocks: DocxFixtureBlock[]): string {
  const paragraphs = blocks.flatMap((block) => {
    const out: string[] = [];
    if (block.heading !== undefined) out.push(paragraph(block.heading, `Heading${block.level ?? 1}`));
    if (block.text !== undefined) out.push(paragraph(block.text));
    return out;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W_NS}"><w:body>${paragraphs.join('')}</w:body></w:document>`;
}

function paragraph(text: string, style?: string): string {
  const props = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : '';
  return `<w:p>${props}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
}

/** Text for HTML or XML bodies, with markup characters escaped. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>`;

const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${REL_NS}">
<Relationship Id="rId1" Type="${DOC_REL}/officeDocument" Target="word/document.xml"/>
</Relationships>`;

const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${REL_NS}">
<Relationship Id="rId1" Type="${DOC_REL}/styles" Target="styles.xml"/>
</Relationships>`;

// Mammoth maps paragraphs by style *name* ("heading 1"), so the styles part must name them.
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W_NS}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
${[1, 2, 3]
  .map(
    (level) => `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/>` +
      `<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="${level - 1}"/></w:pPr></w:style>`,
  )
  .join('\n')}
</w:styles>`;

/** A complete HTML page (UTF-8) with the given title and body markup. */
export function htmlPage(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title></head>
<body>${bodyHtml}</body></html>`;
}
