/** The lockout columns of a user. */
export interface LockoutState {
  failedLoginCount: number;
  lockedUntil: Date | null;
}

export interface LockoutSettings {
  /** Failed logins in a row that lock the account. */
  maxFailures: number;
  lockMinutes: number;
}

/** After a failure the account is either locked (a new lock or one still running) or not. */
export type FailureOutcome =
  | {
      failedLoginCount: number;
      lockedUntil: Date;
      locked: true;
      /** This failure locked the account (emit `security.account_locked` once, now). */
      justLocked: boolean;
    }
  | { failedLoginCount: number; lockedUntil: null; locked: false; justLocked: false };

/**
 * Brute-force protection: N wrong passwords in a row lock the account for M minutes. Once a
 * lock has run out, counting starts again from zero; a successful login resets everything.
 */
export class LoginLockoutPolicy {
  constructor(private readonly settings: LockoutSettings) {}

  isLocked<S extends LockoutState>(state: S, now: Date): state is S & { lockedUntil: Date } {
    return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
  }

  afterFailure(state: LockoutState, now: Date): FailureOutcome {
    // A failure racing in while locked changes nothing: the lock is not extended.
    if (this.isLocked(state, now)) {
      return { failedLoginCount: state.failedLoginCount, lockedUntil: state.lockedUntil, justLocked: false, locked: true };
    }
    const previous = state.lockedUntil ? 0 : state.failedLoginCount;
    const failedLoginCount = previous + 1;
    if (failedLoginCount >= this.settings.maxFailures) {
      const lockedUntil = new Date(now.getTime() + this.settings.lockMinutes * 60_000);
      return { failedLoginCount, lockedUntil, justLocked: true, locked: true };
    }
    return { failedLoginCount, lockedUntil: null, justLocked: false, locked: false };
  }

  afterSuccess(): LockoutState {
    return { failedLoginCount: 0, lockedUntil: null };
  }
}
