import { CALL_END_STATUSES, CALL_STATUSES } from '@parley/contracts';
import { callStatusFromTwilio } from '../../twilio/twilio-call-status';
import { canMove, isEndStatus } from '../call-status-progression';

describe('call status progression', () => {
  it('moves forward through queued → ringing → in_progress → an end status, skipping stages when Twilio does', () => {
    expect(canMove('queued', 'ringing')).toBe(true);
    expect(canMove('ringing', 'in_progress')).toBe(true);
    expect(canMove('in_progress', 'completed')).toBe(true);
    expect(canMove('queued', 'busy')).toBe(true);
    expect(canMove('ringing', 'no_answer')).toBe(true);
    expect(canMove('queued', 'in_progress')).toBe(true);
  });

  it('never moves backwards, sideways, or out of an end status', () => {
    expect(canMove('in_progress', 'ringing')).toBe(false);
    expect(canMove('ringing', 'ringing')).toBe(false);
    expect(canMove('ringing', 'queued')).toBe(false);
    for (const end of CALL_END_STATUSES) {
      for (const next of CALL_STATUSES) expect(canMove(end, next)).toBe(false);
    }
  });

  it('knows the end statuses', () => {
    expect(CALL_STATUSES.filter(isEndStatus)).toEqual([...CALL_END_STATUSES]);
  });
});

describe('callStatusFromTwilio', () => {
  it.each([
    ['queued', 'queued'], ['initiated', 'queued'], ['ringing', 'ringing'], ['in-progress', 'in_progress'],
    ['completed', 'completed'], ['busy', 'busy'], ['no-answer', 'no_answer'], ['failed', 'failed'], ['canceled', 'canceled'],
  ])('maps %s to %s', (twilio, ours) => {
    expect(callStatusFromTwilio(twilio)).toBe(ours);
  });

  it('ignores what it does not know', () => {
    expect(callStatusFromTwilio(undefined)).toBeNull();
    expect(callStatusFromTwilio('answered-by-robot')).toBeNull();
  });
});
