import { Module } from '@nestjs/common';
import { DocumentExtractor } from './document-extractor';

/** Parsers, crawler and chunker: bytes or URLs in, sections and chunks out. */
@Module({
  providers: [DocumentExtractor],
  exports: [DocumentExtractor],
})
export class IngestionModule {}
