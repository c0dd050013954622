import { dialOutcome, queueOutcome } from '../transfer-outcome';

describe('how a transfer ended, from Twilio\'s action webhooks', () => {
  it.each([
    ['completed', 'connected'], ['answered', 'connected'], ['busy', 'busy'], ['no-answer', 'no_answer'],
    ['failed', 'failed'], ['canceled', 'canceled'], ['something-new', 'failed'],
  ])('DialCallStatus %s is %s while the caller is still on the line', (status, outcome) => {
    expect(dialOutcome({ DialCallStatus: status, CallStatus: 'in-progress' })).toEqual({ outcome, durationSeconds: null, callerGone: false });
  });

  it('reads the talk time, and a caller who hung up while the agent rang abandoned it', () => {
    expect(dialOutcome({ DialCallStatus: 'completed', DialCallDuration: '95', CallStatus: 'completed' }))
      .toEqual({ outcome: 'connected', durationSeconds: 95, callerGone: true });
    expect(dialOutcome({ DialCallStatus: 'no-answer', CallStatus: 'completed' })).toEqual({ outcome: 'abandoned', durationSeconds: null, callerGone: true });
  });

  it.each([
    ['bridged', 'connected', false], ['hangup', 'abandoned', true], ['leave', 'left', false], ['redirected', 'left', false],
    ['queue-full', 'failed', false], ['system-error', 'failed', false], ['', 'failed', false],
  ])('QueueResult %s is %s', (result, outcome, gone) => {
    expect(queueOutcome({ QueueResult: result, QueueTime: '42', CallStatus: 'in-progress' })).toEqual({ outcome, durationSeconds: 42, callerGone: gone });
  });
});
