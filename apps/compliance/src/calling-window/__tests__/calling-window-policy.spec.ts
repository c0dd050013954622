import { windowDecision } from '../calling-window-policy';
import { localClock } from '../local-clock';
import { defaultWeeklyWindows, mergeWeeklyWindows } from '../weekly-windows';

const NY = 'America/New_York';
const decide = (windows: ReturnType<typeof defaultWeeklyWindows>, utc: string, zone = NY) =>
  windowDecision(windows, localClock(new Date(utc), zone), zone);

describe('windowDecision', () => {
  const defaults = defaultWeeklyWindows();

  it('allows from the start minute up to, not including, the end minute', () => {
    // Monday 2025-01-06, New York is UTC-5.
    expect(decide(defaults, '2025-01-06T12:59:59Z')).toMatchObject({ allowed: false });
    expect(decide(defaults, '2025-01-06T13:00:00Z')).toEqual({ allowed: true });
    expect(decide(defaults, '2025-01-07T01:59:59Z')).toEqual({ allowed: true });
    expect(decide(defaults, '2025-01-07T02:00:00Z')).toEqual({
      allowed: false, reason: '21:00 on Monday in America/New_York is outside the calling window 08:00–21:00',
    });
  });

  it('names local time, day, zone and window when refusing', () => {
    expect(decide(defaults, '2025-01-07T02:30:00Z')).toEqual({
      allowed: false, reason: '21:30 on Monday in America/New_York is outside the calling window 08:00–21:00',
    });
  });

  it('judges each number by its own zone at the same instant', () => {
    // 14:00 UTC: 09:00 in New York, 06:00 in Los Angeles.
    expect(decide(defaults, '2025-01-06T14:00:00Z', NY)).toEqual({ allowed: true });
    expect(decide(defaults, '2025-01-06T14:00:00Z', 'America/Los_Angeles')).toEqual({
      allowed: false, reason: '06:00 on Monday in America/Los_Angeles is outside the calling window 08:00–21:00',
    });
  });

  it('moves with daylight saving time: the same UTC instant is 07:30 the day before and 08:30 the day after', () => {
    expect(decide(defaults, '2025-03-08T12:30:00Z')).toMatchObject({ allowed: false });
    expect(decide(defaults, '2025-03-09T12:30:00Z')).toEqual({ allowed: true });
    // Autumn: 01:00 UTC is 21:00 EDT (refused) before the change and 20:00 EST (allowed) after.
    expect(decide(defaults, '2025-11-01T01:00:00Z')).toMatchObject({ allowed: false });
    expect(decide(defaults, '2025-11-03T01:00:00Z')).toEqual({ allowed: true });
  });

  it('uses the weekday of the local date, also across midnight', () => {
    const lateSunday = mergeWeeklyWindows(defaults, { sunday: { start: '08:00', end: '23:59' }, monday: null });
    // Sunday 23:30 in New York is Monday 04:30 UTC.
    expect(decide(lateSunday, '2025-01-06T04:30:00Z')).toEqual({ allowed: true });
    // One minute after local midnight it is Monday, a day without calls.
    expect(decide(lateSunday, '2025-01-06T05:01:00Z')).toEqual({
      allowed: false, reason: 'no calls are allowed on Monday in America/New_York (local time 00:01)',
    });
  });

  it('refuses every hour of a null day', () => {
    const noWeekend = mergeWeeklyWindows(defaults, { saturday: null, sunday: null });
    // Saturday 2025-01-11 at noon New York.
    expect(decide(noWeekend, '2025-01-11T17:00:00Z')).toEqual({
      allowed: false, reason: 'no calls are allowed on Saturday in America/New_York (local time 12:00)',
    });
    expect(decide(noWeekend, '2025-01-10T17:00:00Z')).toEqual({ allowed: true });
  });
});

describe('mergeWeeklyWindows', () => {
  it('replaces named days, closes null days and keeps the rest', () => {
    const merged = mergeWeeklyWindows(defaultWeeklyWindows(), { monday: { start: '09:00', end: '17:00' }, sunday: null });
    expect(merged).toEqual({
      monday: { start: '09:00', end: '17:00' },
      tuesday: { start: '08:00', end: '21:00' },
      wednesday: { start: '08:00', end: '21:00' },
      thursday: { start: '08:00', end: '21:00' },
      friday: { start: '08:00', end: '21:00' },
      saturday: { start: '08:00', end: '21:00' },
      sunday: null,
    });
  });
});
