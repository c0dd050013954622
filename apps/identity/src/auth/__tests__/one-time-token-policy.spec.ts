import { OneTimeTokenPolicy } from '../one-time-token-policy';

const now = new Date('2025-06-01T12:00:00Z');

describe('OneTimeTokenPolicy (reset tokens and invitations)', () => {
  it('computes deadlines from minutes or hours', () => {
    expect(OneTimeTokenPolicy.expiresAt(now, { minutes: 30 })).toEqual(new Date('2025-06-01T12:30:00Z'));
    expect(OneTimeTokenPolicy.expiresAt(now, { hours: 168 })).toEqual(new Date('2025-06-08T12:00:00Z'));
  });

  it('accepts a pending token before its deadline', () => {
    const token = { expiresAt: OneTimeTokenPolicy.expiresAt(now, { minutes: 30 }), consumedAt: null };
    expect(OneTimeTokenPolicy.status(token, now)).toBe('valid');
    expect(OneTimeTokenPolicy.status(token, new Date('2025-06-01T12:29:59Z'))).toBe('valid');
  });

  it('expires a token at its deadline', () => {
    const token = { expiresAt: OneTimeTokenPolicy.expiresAt(now, { minutes: 30 }), consumedAt: null };
    expect(OneTimeTokenPolicy.status(token, new Date('2025-06-01T12:30:00Z'))).toBe('expired');
  });

  it('refuses a token used once, even within its lifetime', () => {
    const token = { expiresAt: OneTimeTokenPolicy.expiresAt(now, { minutes: 30 }), consumedAt: now };
    expect(OneTimeTokenPolicy.status(token, now)).toBe('used');
  });
});
