import { LoginLockoutPolicy } from '../login-lockout-policy';

const policy = new LoginLockoutPolicy({ maxFailures: 3, lockMinutes: 15 });
const now = new Date('2025-06-01T12:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe('LoginLockoutPolicy', () => {
  it('counts failures below the limit without locking', () => {
    const first = policy.afterFailure({ failedLoginCount: 0, lockedUntil: null }, now);
    expect(first).toEqual({ failedLoginCount: 1, lockedUntil: null, justLocked: false, locked: false });
    const second = policy.afterFailure(first, now);
    expect(second).toEqual({ failedLoginCount: 2, lockedUntil: null, justLocked: false, locked: false });
  });

  it('locks for the configured minutes on the Nth failure', () => {
    const outcome = policy.afterFailure({ failedLoginCount: 2, lockedUntil: null }, now);
    expect(outcome).toEqual({ failedLoginCount: 3, lockedUntil: minutes(15), justLocked: true, locked: true });
    expect(policy.isLocked(outcome, now)).toBe(true);
    expect(policy.isLocked(outcome, minutes(14))).toBe(true);
  });

  it('does not extend a running lock when another failure races in', () => {
    const state = { failedLoginCount: 3, lockedUntil: minutes(10) };
    expect(policy.afterFailure(state, now)).toEqual({ ...state, justLocked: false, locked: true });
  });

  it('unlocks when the lock runs out and counts again from zero', () => {
    const state = { failedLoginCount: 3, lockedUntil: minutes(15) };
    expect(policy.isLocked(state, minutes(15))).toBe(false);
    expect(policy.afterFailure(state, minutes(16))).toEqual({
      failedLoginCount: 1, lockedUntil: null, justLocked: false, locked: false,
    });
  });

  it('resets everything after a successful login', () => {
    expect(policy.afterSuccess()).toEqual({ failedLoginCount: 0, lockedUntil: null });
  });

  it('locks on the first failure when the limit is one', () => {
    const strict = new LoginLockoutPolicy({ maxFailures: 1, lockMinutes: 1 });
    expect(strict.afterFailure({ failedLoginCount: 0, lockedUntil: null }, now).justLocked).toBe(true);
  });
});
