import type { DncSource } from './calling-rules.dto';

export interface ComplianceEvents {
  'dnc.added': { phone_number: string; source: DncSource; reason: string | null };
  'dnc.removed': { phone_number: string };
  /** One event per CSV import (not one dnc.added per row, so a large list does not flood consumers). */
  'dnc.imported': { added: number; already_listed: number; failed: number };
  'calling_windows.changed': { enforced: boolean };
}
