import { ErrorCode } from '@parley/contracts';
import { DomainException } from '@parley/platform';

/** File types the parsers read, as a user would name them. */
const SUPPORTED_FILE_TYPES = ['PDF', 'DOCX', 'TXT', 'Markdown', 'HTML'];

/** 415: no parser reads this file; names the file and what would be accepted. */
export class UnsupportedFileTypeException extends DomainException {
  constructor(filename: string) {
    super(ErrorCode.UnsupportedMediaType, `${filename}: unsupported file type; supported types are ${SUPPORTED_FILE_TYPES.join(', ')}`, {
      file: filename,
      supported_types: SUPPORTED_FILE_TYPES,
    });
  }
}

/** 413: a file over KNOWLEDGE_MAX_FILE_BYTES. */
export class FileTooLargeException extends DomainException {
  constructor(filename: string, maxBytes: number) {
    super(ErrorCode.PayloadTooLarge, `${filename} is larger than ${maxBytes} bytes`, { file: filename, max_bytes: maxBytes });
  }
}
