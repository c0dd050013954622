import { WEEKDAYS, type Weekday } from '@parley/contracts';

/** Local hours of one day, "HH:MM" 24 h: `start` included, `end` excluded. */
export interface DayWindow {
  start: string;
  end: string;
}

/** Every day of the week: its window, or null for no calls that day. */
export type WeeklyWindows = Record<Weekday, DayWindow | null>;

/** 08:00–21:00 every day: the common US rule (TCPA), and what a tenant starts with. */
export const DEFAULT_DAY_WINDOW: DayWindow = { start: '08:00', end: '21:00' };

export function defaultWeeklyWindows(): WeeklyWindows {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, { ...DEFAULT_DAY_WINDOW }])) as WeeklyWindows;
}

/** `current` with the days named in `changes` replaced; a day left out (undefined) keeps its window. */
export function mergeWeeklyWindows(current: WeeklyWindows, changes: Partial<Record<Weekday, DayWindow | null>>): WeeklyWindows {
  return Object.fromEntries(
    WEEKDAYS.map((day) => {
      const change = changes[day];
      if (change === undefined) return [day, current[day]];
      return [day, change === null ? null : { start: change.start, end: change.end }];
    }),
  ) as WeeklyWindows;
}
