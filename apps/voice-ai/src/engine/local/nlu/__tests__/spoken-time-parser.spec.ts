import { parseSpokenTime } from '../spoken-time-parser';

/** Friday 10 January 2025, 10:00 in New York (15:00 UTC). */
const NOW = new Date('2025-01-10T15:00:00Z');
const NY = 'America/New_York';
const at = (text: string, zone = NY, now = NOW) => parseSpokenTime(text, now, zone)?.at.toISOString() ?? null;

describe('parseSpokenTime', () => {
  it('reads times in the caller\'s zone relative to now', () => {
    expect(at('call me tomorrow at 3pm')).toBe('2025-01-11T20:00:00.000Z');
    expect(at('tomorrow at 3pm', 'Europe/Berlin')).toBe('2025-01-11T14:00:00.000Z');
    expect(at('next Tuesday morning')).toBe('2025-01-14T14:00:00.000Z');
    expect(at('Monday at 11:30')).toBe('2025-01-13T16:30:00.000Z');
  });

  it('reads a bare hour as office hours: "at 3" is 3 PM, a day alone is 10 AM', () => {
    expect(at('tomorrow at 3')).toBe('2025-01-11T20:00:00.000Z');
    expect(at('Wednesday')).toBe('2025-01-15T15:00:00.000Z');
    expect(parseSpokenTime('Wednesday', NOW, NY)?.hourGiven).toBe(false);
    expect(parseSpokenTime('Wednesday at 4pm', NOW, NY)?.hourGiven).toBe(true);
  });

  it('moves a time already past to the next one', () => {
    // 10:00 now: "at 9 am" is tomorrow's, "Friday at 9am" next week's.
    expect(at('at 9 am')).toBe('2025-01-11T14:00:00.000Z');
    expect(at('Friday at 9am')).toBe('2025-01-17T14:00:00.000Z');
  });

  it('reads relative times', () => {
    expect(at('in two hours')).toBe('2025-01-10T17:00:00.000Z');
  });

  it('takes an amount of time for what it is, not a time to call', () => {
    expect(at('Yes, I have a minute. What is this about?')).toBeNull();
    expect(at('give me a second')).toBeNull();
  });

  it('crosses a daylight-saving change in the caller\'s zone', () => {
    // Saturday 8 March 2025; clocks in New York go forward on Sunday 9 March.
    const beforeDst = new Date('2025-03-08T15:00:00Z');
    expect(at('Monday at 10am', NY, beforeDst)).toBe('2025-03-10T14:00:00.000Z');
  });

  it('answers null where no time is named, or the time is "now"', () => {
    expect(parseSpokenTime('we have 12 reps', NOW, NY)).toBeNull();
    expect(parseSpokenTime('sounds good', NOW, NY)).toBeNull();
    expect(parseSpokenTime('right now', NOW, NY)).toBeNull();
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(at('tomorrow at 3pm', 'Mars/Olympus')).toBe('2025-01-11T15:00:00.000Z');
  });
});
