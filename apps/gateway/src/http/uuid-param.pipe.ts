import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ValidationException } from '@parley/platform';

/** Route ids are UUIDs; anything else is a 422 before it reaches a service. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value)) throw new ValidationException(`${metadata.data ?? 'id'} must be a UUID`, { fields: { [metadata.data ?? 'id']: ['must be a UUID'] } });
    return value;
  }
}
