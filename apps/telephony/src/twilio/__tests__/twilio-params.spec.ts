import { failureReason, intParam, twilioTimestamp } from '../twilio-params';

describe('Twilio parameters', () => {
  it('reads whole numbers, refusing anything else', () => {
    expect(intParam('7')).toBe(7);
    expect(intParam('0')).toBe(0);
    expect(intParam(undefined)).toBeNull();
    expect(intParam('-1')).toBeNull();
    expect(intParam('3.5')).toBeNull();
    expect(intParam('')).toBeNull();
  });

  it("reads Twilio's RFC 2822 timestamps", () => {
    expect(twilioTimestamp('Tue, 04 Mar 2025 10:00:05 +0000')?.toISOString()).toBe('2025-03-04T10:00:05.000Z');
    expect(twilioTimestamp('yesterday-ish')).toBeUndefined();
    expect(twilioTimestamp(undefined)).toBeUndefined();
  });

  it('explains a failed call from its error or SIP code', () => {
    expect(failureReason('failed', { ErrorCode: '13224', ErrorMessage: 'Invalid phone number' })).toBe('Twilio 13224: Invalid phone number');
    expect(failureReason('failed', { SipResponseCode: '404' })).toBe('SIP 404');
    expect(failureReason('failed', {})).toBeNull();
    expect(failureReason('busy', { ErrorMessage: 'x' })).toBeNull();
  });
});
