import type { Multipart } from '@fastify/multipart';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '@parley/contracts';
import { DomainException, TransferStore, ValidationException } from '@parley/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';

/** What one route's multipart form may hold. */
export interface UploadFormRules {
  /** What the uploads are: the prefix of their transfer-store names. */
  kind: string;
  /** Names a file part may have; the first is the one error messages name. */
  fileFields: readonly [string, ...string[]];
  /** Says what the file is, for error messages ("a CSV file"). */
  fileDescription: string;
  /** At least one file part is required. */
  fileRequired: boolean;
  maxFiles: number;
  /** Text fields a client must not send: names the gateway fills in itself. */
  reservedFields?: readonly string[];
  /** Longest text field in bytes; the gateway-wide multipart limit otherwise. */
  maxFieldBytes?: number;
  /** Most text fields; the gateway-wide multipart limit otherwise. */
  maxFields?: number;
}

/** One file part, streamed into the transfer store under `upload`. */
export interface StoredUpload {
  upload: string;
  field: string;
  filename: string;
  content_type: string | undefined;
}

/** A read form: text fields (an array where a name repeats) and the stored files, in order. */
export interface UploadForm {
  fields: Record<string, string | string[]>;
  files: StoredUpload[];
}

// @fastify/multipart's limit errors (413 by default) say which part of the form was too big.
const FILES_LIMIT = 'FST_FILES_LIMIT';
const FIELDS_LIMIT = 'FST_FIELDS_LIMIT';
const FILE_TOO_LARGE = 'FST_REQ_FILE_TOO_LARGE';

/**
 * Reads a multipart/form-data request: each file part is streamed straight into the transfer
 * store (never held in memory, a file over UPLOAD_MAX_BYTES is a 413 with nothing kept) and the
 * text fields are collected for the route to validate. Shared by every upload route.
 */
@Injectable()
export class MultipartUploadReader {
  constructor(
    private readonly transfers: TransferStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Runs `use` with the form; the stored uploads are removed afterwards, whatever happens. */
  async withUploads<T>(req: FastifyRequest, rules: UploadFormRules, use: (form: UploadForm) => Promise<T>): Promise<T> {
    if (!req.isMultipart()) {
      throw new ValidationException(`the request must be multipart/form-data with ${rules.fileDescription}`, {
        fields: { [rules.fileFields[0]]: [missingFile(rules)] },
      });
    }
    const stored: string[] = [];
    try {
      const form = await this.read(req, rules, stored);
      return await use(form);
    } finally {
      await Promise.all(stored.map((name) => this.transfers.remove(name)));
    }
  }

  private async read(req: FastifyRequest, rules: UploadFormRules, stored: string[]): Promise<UploadForm> {
    const fields: Record<string, string | string[]> = {};
    const files: StoredUpload[] = [];
    const parts = req.parts({
      limits: {
        files: rules.maxFiles,
        ...(rules.maxFields !== undefined ? { fields: rules.maxFields } : {}),
        ...(rules.maxFieldBytes !== undefined ? { fieldSize: rules.maxFieldBytes } : {}),
      },
    });
    try {
      for await (const part of parts) {
        if (part.type === 'file') {
          files.push(await this.store(part, rules, stored));
          continue;
        }
        if (part.valueTruncated) throw fieldError(part.fieldname, 'is too long');
        // Store names are ours to set: a client naming one could read another tenant's upload.
        if (rules.fileFields.includes(part.fieldname)) throw fieldError(part.fieldname, `must be ${rules.fileDescription}, not text`);
        if (rules.reservedFields?.includes(part.fieldname)) throw fieldError(part.fieldname, 'should not exist');
        addField(fields, part.fieldname, String(part.value));
      }
    } catch (error) {
      throw this.limitError(error, rules) ?? error;
    }
    if (rules.fileRequired && files.length === 0) {
      throw fieldError(rules.fileFields[0], missingFile(rules));
    }
    return { fields, files };
  }

  private async store(part: Multipart & { type: 'file' }, rules: UploadFormRules, stored: string[]): Promise<StoredUpload> {
    if (!rules.fileFields.includes(part.fieldname)) {
      part.file.resume();
      throw fieldError(part.fieldname, `unexpected file field (files go in "${rules.fileFields[0]}")`);
    }
    const name = this.transfers.newName(rules.kind);
    // Named before writing: a failed put may leave a partial object behind.
    stored.push(name);
    await this.transfers.put(name, part.file);
    // Busboy stops at the limit and marks the stream truncated: the stored file is incomplete.
    if (part.file.truncated) throw this.tooLarge();
    return { upload: name, field: part.fieldname, filename: part.filename, content_type: part.mimetype || undefined };
  }

  /** The contract's error for a multipart limit the parser hit; undefined for any other error. */
  private limitError(error: unknown, rules: UploadFormRules): DomainException | undefined {
    switch ((error as { code?: unknown } | null)?.code) {
      case FILES_LIMIT:
        return fieldError(rules.fileFields[0], `at most ${rules.maxFiles} file(s) per request`);
      case FIELDS_LIMIT:
        return new ValidationException('the form has too many fields');
      case FILE_TOO_LARGE:
        return this.tooLarge();
      default:
        return undefined;
    }
  }

  private tooLarge(): DomainException {
    return new DomainException(ErrorCode.PayloadTooLarge, `file is larger than ${this.config.UPLOAD_MAX_BYTES} bytes`, {
      limit_bytes: this.config.UPLOAD_MAX_BYTES,
    });
  }
}

function addField(fields: Record<string, string | string[]>, name: string, value: string): void {
  const existing = fields[name];
  if (existing === undefined) fields[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else fields[name] = [existing, value];
}

function missingFile(rules: UploadFormRules): string {
  return `${rules.fileDescription} part named "${rules.fileFields[0]}" is required`;
}

export function fieldError(field: string, message: string): ValidationException {
  return new ValidationException(`${field} ${message}`, { fields: { [field]: [message] } });
}
