import type { DncEntryDto } from '@parley/contracts';
import type { DncNumberEntity } from './dnc-number.entity';

export function toDncEntryDto(entry: DncNumberEntity): DncEntryDto {
  return {
    phone_number: entry.phoneNumber,
    reason: entry.reason,
    source: entry.source,
    created_by: entry.createdBy,
    created_at: entry.createdAt.toISOString(),
  };
}
