import type { LocalClock } from './local-clock';
import type { WeeklyWindows } from './weekly-windows';

export type WindowDecision = { allowed: true } | { allowed: false; reason: string };

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * Whether the callee's local clock is inside the window of its weekday: `start` included, `end`
 * excluded (with 21:00 as the end, 20:59 may still dial and 21:00 may not). A null day has no calls.
 */
export function windowDecision(windows: WeeklyWindows, clock: LocalClock, timeZone: string): WindowDecision {
  const day = capitalized(clock.weekday);
  const window = windows[clock.weekday];
  if (!window) return { allowed: false, reason: `no calls are allowed on ${day} in ${timeZone} (local time ${clock.time})` };
  if (clock.time >= window.start && clock.time < window.end) return { allowed: true };
  return {
    allowed: false,
    reason: `${clock.time} on ${day} in ${timeZone} is outside the calling window ${window.start}–${window.end}`,
  };
}
