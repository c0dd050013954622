import type { Multipart } from '@fastify/multipart';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, ImportLeadsRequest } from '@parley/contracts';
import { DomainException, TransferStore, validateDto, ValidationException } from '@parley/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';

const FILE_FIELD = 'file';

/**
 * Reads a `POST /leads/import` form: the CSV part is streamed straight into the transfer store
 * (never held in memory), the other fields become a validated ImportLeadsRequest naming it.
 */
@Injectable()
export class LeadImportFormReader {
  constructor(
    private readonly transfers: TransferStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Runs `use` with the request; the upload is removed from the store afterwards, whatever happens. */
  async withUpload<T>(req: FastifyRequest, use: (request: ImportLeadsRequest) => Promise<T>): Promise<T> {
    if (!req.isMultipart()) {
      throw new ValidationException('the request must be multipart/form-data with a CSV file', {
        fields: { [FILE_FIELD]: ['a CSV file part named "file" is required'] },
      });
    }
    let upload: string | undefined;
    try {
      const fields: Record<string, unknown> = {};
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          if (part.valueTruncated) throw fieldError(part.fieldname, 'is too long');
          // The store name is ours to set: a client naming one could read another upload.
          if (part.fieldname === 'upload') throw fieldError('upload', 'should not exist');
          fields[part.fieldname] = part.value;
          continue;
        }
        upload = await this.store(part);
      }
      if (!upload) throw fieldError(FILE_FIELD, 'a CSV file part named "file" is required');
      return await use(await validateDto(ImportLeadsRequest, { ...formValues(fields), upload }));
    } finally {
      if (upload) await this.transfers.remove(upload);
    }
  }

  private async store(part: Multipart & { type: 'file' }): Promise<string> {
    if (part.fieldname !== FILE_FIELD) {
      part.file.resume();
      throw fieldError(part.fieldname, `unexpected file field (the CSV goes in "${FILE_FIELD}")`);
    }
    const name = this.transfers.newName('lead-import');
    try {
      await this.transfers.put(name, part.file);
    } catch (error) {
      await this.transfers.remove(name);
      throw error;
    }
    // Busboy stops at the limit and marks the stream truncated: the stored file is incomplete.
    if (part.file.truncated) {
      await this.transfers.remove(name);
      throw new DomainException(ErrorCode.PayloadTooLarge, `file is larger than ${this.config.UPLOAD_MAX_BYTES} bytes`, {
        limit_bytes: this.config.UPLOAD_MAX_BYTES,
      });
    }
    return name;
  }
}

/** Form fields are strings: `mapping` is JSON and `all_or_nothing` a boolean; anything else is left for validation to name. */
function formValues(fields: Record<string, unknown>): Record<string, unknown> {
  const values = { ...fields };
  if (typeof values['mapping'] === 'string') values['mapping'] = jsonObjectOr(values['mapping']);
  if (values['all_or_nothing'] === 'true') values['all_or_nothing'] = true;
  else if (values['all_or_nothing'] === 'false') values['all_or_nothing'] = false;
  return values;
}

/** The parsed object, or the text itself so that validation reports "mapping must be an object". */
function jsonObjectOr(text: string): unknown {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : text;
  } catch {
    return text;
  }
}

function fieldError(field: string, message: string): ValidationException {
  return new ValidationException(`${field} ${message}`, { fields: { [field]: [message] } });
}
