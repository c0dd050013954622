import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

/** A time the caller said, resolved in their zone. */
export interface SpokenTime {
  at: Date;
  /** The words that said it ("tomorrow at 3pm"). */
  text: string;
  /** false when the caller gave a day but no hour ("next Tuesday") and we picked the usual hour. */
  hourGiven: boolean;
}

/** Callbacks land in office hours: a bare "at 3" means 3 pm, a day without an hour means 10 am. */
const DEFAULT_HOUR = 10;
const MORNING_HOUR = 9;
const AFTERNOON_HOUR = 15;
const EVENING_HOUR = 18;
const AMBIGUOUS_PM_BEFORE = 8;

/** A duration with nothing saying when: "a minute", "two hours", "an hour or so". */
const BARE_DURATION = /^(a|an|one|two|three|few|couple of|\d+)\s+(seconds?|moments?|minutes?|hours?)\b/;
const WEEKDAY = /\b(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?\b/i;
const CHRONO_HINT = /\d|\b(today|tonight|tomorrow|morning|afternoon|evening|noon|midday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weeks?|months?|days?|hours?|minutes?|later|next|january|february|march|april|may|june|july|august|september|october|november|december)\b/i;

/**
 * The first future time in the text ("tomorrow at 3pm", "next Tuesday morning", "in two hours"), read in `timezone`
 * relative to `now`; null when the text names no time.
 */
export function parseSpokenTime(text: string, now: Date, timezone: string): SpokenTime | null {
  // Most turns name no time: skip chrono for them (it is the costliest step of a turn).
  if (!CHRONO_HINT.test(text)) return null;
  const zone = DateTime.fromJSDate(now).setZone(timezone);
  const zoneName = zone.isValid ? timezone : 'UTC';
  const offset = zone.isValid ? zone.offset : 0;
  const results = chrono.parse(text, { instant: now, timezone: offset }, { forwardDate: true });
  for (const result of results) {
    const resolved = resolve(result, now, zoneName);
    if (resolved !== null) return resolved;
  }
  return null;
}

function resolve(result: chrono.ParsedResult, now: Date, zone: string): SpokenTime | null {
  const start = result.start;
  const lower = result.text.toLowerCase();
  const relative = /\b(in|after)\b.*\b(minutes?|hours?)\b/.test(lower) || /\bhalf an hour\b/.test(lower);
  // "I have a minute", "give me a second": an amount of time, not a time to call.
  if (!relative && BARE_DURATION.test(lower)) return null;
  if (relative) {
    const at = start.date();
    return at.getTime() > now.getTime() ? { at, text: result.text, hourGiven: true } : null;
  }
  let hour = start.get('hour') ?? DEFAULT_HOUR;
  const minute = start.isCertain('minute') ? start.get('minute') ?? 0 : 0;
  const hourGiven = start.isCertain('hour');
  if (!hourGiven) hour = partOfDayHour(lower);
  else if (!start.isCertain('meridiem') && hour > 0 && hour < AMBIGUOUS_PM_BEFORE) hour += 12;
  let at = DateTime.fromObject(
    { year: start.get('year') ?? undefined, month: start.get('month') ?? undefined, day: start.get('day') ?? undefined, hour, minute },
    { zone },
  );
  if (!at.isValid) return null;
  if (at.toMillis() > now.getTime()) return { at: at.toJSDate(), text: result.text, hourGiven };
  // A time already past: "at 10" said at noon means tomorrow's, "Tuesday" said on Tuesday afternoon next week's;
  // "now" or a past date is no time to call back.
  if (WEEKDAY.test(lower)) at = at.plus({ weeks: 1 });
  else if (!start.isCertain('day') && !start.isCertain('weekday') && hourGiven) at = at.plus({ days: 1 });
  else return null;
  return { at: at.toJSDate(), text: result.text, hourGiven };
}

function partOfDayHour(text: string): number {
  if (/\bmorning\b/.test(text)) return MORNING_HOUR;
  if (/\b(afternoon|noon|midday|lunch)\b/.test(text)) return /\bnoon|midday|lunch\b/.test(text) ? 12 : AFTERNOON_HOUR;
  if (/\b(evening|tonight)\b/.test(text)) return EVENING_HOUR;
  return DEFAULT_HOUR;
}
