import { localClock } from '../local-clock';

describe('localClock', () => {
  it('reads weekday, time and offset in the zone', () => {
    expect(localClock(new Date('2025-01-07T02:30:00Z'), 'America/New_York')).toEqual({
      weekday: 'monday', time: '21:30', iso: '2025-01-06T21:30:00-05:00',
    });
    expect(localClock(new Date('2025-07-01T12:00:05Z'), 'Europe/London')).toEqual({
      weekday: 'tuesday', time: '13:00', iso: '2025-07-01T13:00:05+01:00',
    });
  });

  it('writes UTC as +00:00 and keeps half- and quarter-hour offsets', () => {
    expect(localClock(new Date('2025-01-06T10:00:00Z'), 'UTC').iso).toBe('2025-01-06T10:00:00+00:00');
    expect(localClock(new Date('2025-01-06T10:00:00Z'), 'Asia/Kolkata').iso).toBe('2025-01-06T15:30:00+05:30');
    expect(localClock(new Date('2025-01-06T10:00:00Z'), 'Asia/Kathmandu').iso).toBe('2025-01-06T15:45:00+05:45');
  });

  it('turns the day at local midnight, shown as 00:00 (never 24:00)', () => {
    expect(localClock(new Date('2025-01-07T04:59:00Z'), 'America/New_York')).toMatchObject({ weekday: 'monday', time: '23:59' });
    expect(localClock(new Date('2025-01-07T05:00:00Z'), 'America/New_York')).toEqual({
      weekday: 'tuesday', time: '00:00', iso: '2025-01-07T00:00:00-05:00',
    });
    // Ahead of UTC: Sunday evening UTC is already Monday morning in Tokyo.
    expect(localClock(new Date('2025-01-05T23:30:00Z'), 'Asia/Tokyo')).toMatchObject({ weekday: 'monday', time: '08:30' });
  });

  it('follows daylight saving time: the skipped hour in spring and the repeated hour in autumn', () => {
    expect(localClock(new Date('2025-03-09T06:59:00Z'), 'America/New_York').iso).toBe('2025-03-09T01:59:00-05:00');
    expect(localClock(new Date('2025-03-09T07:00:00Z'), 'America/New_York').iso).toBe('2025-03-09T03:00:00-04:00');
    expect(localClock(new Date('2025-11-02T05:30:00Z'), 'America/New_York').iso).toBe('2025-11-02T01:30:00-04:00');
    expect(localClock(new Date('2025-11-02T06:30:00Z'), 'America/New_York').iso).toBe('2025-11-02T01:30:00-05:00');
    // Southern hemisphere: Sydney is on daylight time in January.
    expect(localClock(new Date('2025-01-06T00:00:00Z'), 'Australia/Sydney').iso).toBe('2025-01-06T11:00:00+11:00');
    expect(localClock(new Date('2025-07-06T00:00:00Z'), 'Australia/Sydney').iso).toBe('2025-07-06T10:00:00+10:00');
  });
});
