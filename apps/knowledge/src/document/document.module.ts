import { Module } from '@nestjs/common';
import { IndexModule } from '../index/index.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { DocumentIngester } from './document-ingester';
import { DocumentIngestionWorker } from './document-ingestion.worker';
import { DocumentHandler } from './document.handler';
import { DocumentService } from './document.service';
import { UploadedFileReader } from './uploaded-file.reader';

/** Documents: ingestion requests, the ingestion worker, list and delete. */
@Module({
  imports: [IngestionModule, IndexModule],
  controllers: [DocumentHandler],
  providers: [DocumentService, UploadedFileReader, DocumentIngester, DocumentIngestionWorker],
})
export class DocumentModule {}
