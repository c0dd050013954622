import type { CallingWindowsView } from '@parley/contracts';
import type { CallingWindowsEntity } from './calling-windows.entity';
import { defaultWeeklyWindows, type WeeklyWindows } from './weekly-windows';

/** A tenant's calling windows as checks use them: the fallback zone already resolved. */
export interface CallingRules {
  windows: WeeklyWindows;
  fallbackTimezone: string;
  enforced: boolean;
  updatedAt: Date | null;
}

/** The tenant's row, or the defaults when it has none. */
export function callingRulesOf(row: CallingWindowsEntity | null, defaultTimezone: string): CallingRules {
  if (!row) {
    return { windows: defaultWeeklyWindows(), fallbackTimezone: defaultTimezone, enforced: true, updatedAt: null };
  }
  return {
    windows: row.windows,
    fallbackTimezone: row.fallbackTimezone ?? defaultTimezone,
    enforced: row.enforced,
    updatedAt: row.updatedAt,
  };
}

export function toCallingWindowsView(rules: CallingRules): CallingWindowsView {
  return {
    windows: rules.windows,
    fallback_timezone: rules.fallbackTimezone,
    enforced: rules.enforced,
    updated_at: rules.updatedAt ? rules.updatedAt.toISOString() : null,
  };
}
