import { Inject, Injectable } from '@nestjs/common';
import type { UploadedFileDto } from '@parley/contracts';
import { TransferStore, ValidationException } from '@parley/platform';
import { DocumentExtractor, type FileDocumentType } from '../ingestion/document-extractor';
import { readAtMost } from '../ingestion/read-at-most';
import { KNOWLEDGE_CONFIG, type KnowledgeConfig } from '../knowledge.config';
import { FileTooLargeException, UnsupportedFileTypeException } from './document.exception';

/** Bytes the type sniffing looks at (magic numbers, an HTML or XML prologue). */
const HEAD_BYTES = 8192;

/** An upload that passed every check, read into memory to be stored with its document. */
export interface AcceptedFile {
  filename: string;
  type: FileDocumentType;
  bytes: Buffer;
}

/** Reads uploads the gateway put into the transfer store, and refuses what cannot be ingested. */
@Injectable()
export class UploadedFileReader {
  constructor(
    private readonly transfers: TransferStore,
    private readonly extractor: DocumentExtractor,
    @Inject(KNOWLEDGE_CONFIG) private readonly config: KnowledgeConfig,
  ) {}

  /** 413 over the size cap, 422 when empty, 415 when no parser reads the type. */
  async read(file: UploadedFileDto): Promise<AcceptedFile> {
    const bytes = await this.readCapped(file);
    if (bytes.length === 0) {
      const message = `${file.filename} is empty`;
      throw new ValidationException(message, { fields: { files: [message] } });
    }
    const type = this.extractor.detectFileType(file.filename, file.content_type, bytes.subarray(0, HEAD_BYTES));
    if (!type) throw new UnsupportedFileTypeException(file.filename);
    return { filename: file.filename, type, bytes };
  }

  /** Stops reading (and drops the stream) as soon as the file passes the cap. */
  private async readCapped(file: UploadedFileDto): Promise<Buffer> {
    const max = this.config.KNOWLEDGE_MAX_FILE_BYTES;
    return readAtMost(await this.transfers.open(file.upload), max, () => new FileTooLargeException(file.filename, max));
  }

  /** Uploads live in the transfer store only until the request that carried them is answered. */
  async discard(files: UploadedFileDto[]): Promise<void> {
    await Promise.all(files.map((file) => this.transfers.remove(file.upload)));
  }
}
