import { DateTime } from 'luxon';

/**
 * A booked time as an agent says it, to follow a verb ("I've booked a call …"): "today at 3 PM", "tomorrow at 9:30 AM",
 * "on Tuesday at 10 AM", "on Monday, March 3 at 2 PM".
 */
export function speakTime(at: Date, now: Date, timezone: string): string {
  const zone = DateTime.fromJSDate(now).setZone(timezone).isValid ? timezone : 'UTC';
  const when = DateTime.fromJSDate(at).setZone(zone);
  const today = DateTime.fromJSDate(now).setZone(zone).startOf('day');
  const days = Math.round(when.startOf('day').diff(today, 'days').days);
  const clock = when.minute === 0 ? when.toFormat('h a') : when.toFormat('h:mm a');
  if (days === 0) return `today at ${clock}`;
  if (days === 1) return `tomorrow at ${clock}`;
  if (days > 1 && days < 7) return `on ${when.toFormat('cccc')} at ${clock}`;
  return `on ${when.toFormat('cccc, LLLL d')} at ${clock}`;
}
