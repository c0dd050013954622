import { Inject, Injectable } from '@nestjs/common';
import { KNOWLEDGE_CONFIG, type KnowledgeConfig } from '../knowledge.config';
import { IngestionError, type ExtractedDocument } from './extracted-document';
import { detectFileType, type FileDocumentType } from './file-type-detector';
import { parseDocx } from './formats/docx-parser';
import { parseFaq } from './formats/faq-parser';
import { readHtmlPage } from './formats/html-page';
import { parseMarkdown } from './formats/markdown-parser';
import { parsePdf } from './formats/pdf-parser';
import { decodeText, parseText } from './formats/text-parser';
import { SiteCrawler } from './website/site-crawler';

export type { FileDocumentType } from './file-type-detector';

export type ExtractionInput =
  | { type: FileDocumentType; bytes: Buffer }
  | { type: 'faq'; text: string }
  | { type: 'website'; url: string };

/** Every source a tenant can add, read into sections: files by format, FAQ text, crawled websites. */
@Injectable()
export class DocumentExtractor {
  private readonly crawler: SiteCrawler;

  constructor(@Inject(KNOWLEDGE_CONFIG) config: KnowledgeConfig) {
    this.crawler = new SiteCrawler({
      maxDepth: config.CRAWL_MAX_DEPTH,
      maxPages: config.CRAWL_MAX_PAGES,
      concurrency: config.CRAWL_CONCURRENCY,
      timeoutMs: config.CRAWL_TIMEOUT_MS,
      maxBytes: config.CRAWL_MAX_PAGE_BYTES,
      userAgent: config.CRAWL_USER_AGENT,
      allowPrivateHosts: config.CRAWL_ALLOW_PRIVATE_HOSTS,
    });
  }

  /** From file name, declared content type and the first bytes; null when unsupported (caller answers 415). */
  detectFileType(filename: string, contentType: string | undefined, head: Buffer): FileDocumentType | null {
    return detectFileType(filename, contentType, head);
  }

  /** Throws IngestionError (reason for the user) for corrupt/empty/unreadable input. */
  async extract(input: ExtractionInput): Promise<ExtractedDocument> {
    const document = await this.read(input);
    if (document.sections.length === 0) throw new IngestionError('the document has no text to index');
    return document;
  }

  private read(input: ExtractionInput): Promise<ExtractedDocument> | ExtractedDocument {
    switch (input.type) {
      case 'pdf':
        return parsePdf(input.bytes);
      case 'docx':
        return parseDocx(input.bytes);
      case 'md':
        return parseMarkdown(decodeText(input.bytes));
      case 'txt':
        return parseText(decodeText(input.bytes));
      case 'html': {
        // Type detection admitted it as UTF-8 text; as bytes, jsdom would fall back to windows-1252.
        const page = readHtmlPage(decodeText(input.bytes));
        return { sections: page.sections, pageCount: null, title: page.title, metadata: {} };
      }
      case 'faq':
        return parseFaq(input.text);
      case 'website':
        return this.crawler.crawl(input.url);
    }
  }
}
