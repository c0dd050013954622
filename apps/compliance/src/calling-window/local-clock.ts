import type { Weekday } from '@parley/contracts';

/** What a wall clock and calendar show at one instant in one zone. */
export interface LocalClock {
  weekday: Weekday;
  /** "HH:MM", 24 h. */
  time: string;
  /** ISO 8601 with the zone's offset at that instant, e.g. "2025-01-06T21:30:00-05:00". */
  iso: string;
}

// A formatter per zone: building one costs far more than formatting with it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, weekday: 'long', year: 'numeric', month: '2-digit', day: '2-digit',
      // h23, not hour12: false, which some ICU versions render as "24" at midnight.
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "GMT-05:00" → "-05:00"; "GMT" (UTC itself) → "+00:00". */
function isoOffset(gmt: string): string {
  const match = /^GMT([+-]\d{2}):?(\d{2})?$/.exec(gmt);
  return match ? `${match[1]}:${match[2] ?? '00'}` : '+00:00';
}

/** The local weekday, time and ISO timestamp at `at` in `timeZone` (an IANA zone); Intl does the zone rules and DST. */
export function localClock(at: Date, timeZone: string): LocalClock {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  const { year, month, day, hour, minute, second } = parts;
  const time = `${hour}:${minute}`;
  return {
    weekday: (parts.weekday ?? '').toLowerCase() as Weekday,
    time,
    iso: `${year}-${month}-${day}T${time}:${second}${isoOffset(parts.timeZoneName ?? 'GMT')}`,
  };
}
