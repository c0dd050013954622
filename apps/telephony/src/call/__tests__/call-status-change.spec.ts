import { statusChange } from '../call-status-change';

const t0 = new Date('2025-03-04T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('statusChange', () => {
  it('stamps answered_at when a call is answered', () => {
    expect(statusChange({ status: 'ringing', answeredAt: null }, 'in_progress', { at: at(5) })).toEqual({
      status: 'in_progress', answeredAt: at(5),
    });
  });

  it('ends a call with Twilio’s duration when it reports one, else the time since the answer', () => {
    expect(statusChange({ status: 'in_progress', answeredAt: at(5) }, 'completed', { at: at(65), durationSeconds: 58 })).toEqual({
      status: 'completed', endedAt: at(65), durationSeconds: 58, endReason: null,
    });
    expect(statusChange({ status: 'in_progress', answeredAt: at(5) }, 'completed', { at: at(65.4) })).toMatchObject({ durationSeconds: 60 });
  });

  it('gives an unanswered call 0 seconds and the reason it ended', () => {
    expect(statusChange({ status: 'ringing', answeredAt: null }, 'busy', { at: at(3) })).toEqual({
      status: 'busy', endedAt: at(3), durationSeconds: 0, endReason: 'the line was busy',
    });
    expect(statusChange({ status: 'queued', answeredAt: null }, 'failed', { at: at(1), reason: 'Twilio 13224: invalid number' }))
      .toMatchObject({ status: 'failed', endReason: 'Twilio 13224: invalid number' });
    expect(statusChange({ status: 'ringing', answeredAt: null }, 'no_answer', { at: at(30) })).toMatchObject({ endReason: 'nobody answered' });
  });

  it('derives answered_at of a completed call whose answer was never reported', () => {
    expect(statusChange({ status: 'ringing', answeredAt: null }, 'completed', { at: at(40), durationSeconds: 30 })).toMatchObject({
      answeredAt: at(10), durationSeconds: 30,
    });
  });

  it('refuses to move backwards or out of an end status', () => {
    expect(statusChange({ status: 'in_progress', answeredAt: at(1) }, 'ringing')).toBeNull();
    expect(statusChange({ status: 'completed', answeredAt: at(1) }, 'failed')).toBeNull();
    expect(statusChange({ status: 'ringing', answeredAt: null }, 'ringing')).toBeNull();
  });

  it('uses now when the report carries no time', () => {
    const now = at(9);
    expect(statusChange({ status: 'queued', answeredAt: null }, 'ringing', {}, now)).toEqual({ status: 'ringing' });
    expect(statusChange({ status: 'queued', answeredAt: null }, 'canceled', {}, now)).toMatchObject({ endedAt: now });
  });
});
