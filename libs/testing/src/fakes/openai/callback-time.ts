/**
 * Resolves "tomorrow at 3pm", "next Tuesday morning", "in 2 hours" to a UTC instant, simply:
 * enough for a fake model to book a callback deterministically. No day or time → tomorrow 15:00Z.
 */

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DEFAULT_HOUR = 15;

/** Does the text name a day or a time of day? */
export function mentionsDayOrTime(text: string): boolean {
  return DAY_OR_TIME.test(text.toLowerCase());
}

const DAY_OR_TIME =
  /\b(tomorrow|today|tonight|this (morning|afternoon|evening)|next week|(next |on |this )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in \d+ (hours?|days?|minutes?)|noon|\d{1,2}(:\d{2})? ?(am|pm|a\.m\.|p\.m\.)|at \d{1,2}(:\d{2})?\b)/;

export function resolveCallbackTime(text: string, now: Date): Date {
  const lower = text.toLowerCase();
  const relative = /\bin (\d+) (hour|minute)s?\b/.exec(lower);
  if (relative) {
    const amount = Number(relative[1]) * (relative[2] === 'hour' ? 3_600_000 : 60_000);
    return wholeMinute(new Date(now.getTime() + amount));
  }
  const time = timeOfDay(lower);
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const inDays = /\bin (\d+) days?\b/.exec(lower);
  const weekday = WEEKDAYS.findIndex((name) => new RegExp(`\\b${name}\\b`).test(lower));
  if (/\btomorrow\b/.test(lower)) day.setUTCDate(day.getUTCDate() + 1);
  else if (inDays) day.setUTCDate(day.getUTCDate() + Number(inDays[1]));
  else if (weekday >= 0) day.setUTCDate(day.getUTCDate() + (((weekday - day.getUTCDay() + 7) % 7) || 7));
  else if (/\bnext week\b/.test(lower)) day.setUTCDate(day.getUTCDate() + 7);
  else if (!/\b(today|tonight|this (morning|afternoon|evening))\b/.test(lower)) {
    // A bare time means its next occurrence; nothing at all means tomorrow.
    const today = new Date(day.getTime() + ((time?.hour ?? DEFAULT_HOUR) * 60 + (time?.minute ?? 0)) * 60_000);
    if (!time || today.getTime() <= now.getTime()) day.setUTCDate(day.getUTCDate() + 1);
  }
  day.setUTCHours(time?.hour ?? DEFAULT_HOUR, time?.minute ?? 0, 0, 0);
  return day;
}

/** ISO 8601 without milliseconds: 2026-05-06T15:00:00Z. */
export function isoInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function timeOfDay(lower: string): { hour: number; minute: number } | null {
  const clock = /\b(\d{1,2})(?::(\d{2}))? ?(am|pm|a\.m\.|p\.m\.)/.exec(lower);
  if (clock) {
    const hour = Number(clock[1]) % 12 + (clock[3].startsWith('p') ? 12 : 0);
    return { hour, minute: Number(clock[2] ?? 0) };
  }
  const at = /\bat (\d{1,2})(?::(\d{2}))?\b/.exec(lower);
  if (at) {
    const raw = Number(at[1]);
    // "at 3" in business talk means the afternoon.
    return { hour: raw >= 1 && raw <= 7 ? raw + 12 : raw % 24, minute: Number(at[2] ?? 0) };
  }
  if (/\bnoon\b/.test(lower)) return { hour: 12, minute: 0 };
  if (/\bmorning\b/.test(lower)) return { hour: 9, minute: 0 };
  if (/\bafternoon\b/.test(lower)) return { hour: 15, minute: 0 };
  if (/\b(evening|tonight)\b/.test(lower)) return { hour: 18, minute: 0 };
  return null;
}

function wholeMinute(date: Date): Date {
  date.setUTCSeconds(0, 0);
  return date;
}
