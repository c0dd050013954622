/** A single-use token with a deadline (password reset, invitation). */
export interface OneTimeTokenState {
  expiresAt: Date;
  /** When it was used (reset) or accepted (invitation); null while pending. */
  consumedAt: Date | null;
}

export type OneTimeTokenStatus = 'valid' | 'used' | 'expired';

export class OneTimeTokenPolicy {
  static status(token: OneTimeTokenState, now: Date): OneTimeTokenStatus {
    if (token.consumedAt) return 'used';
    if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
    return 'valid';
  }

  static expiresAt(now: Date, ttl: { minutes?: number; hours?: number }): Date {
    const minutes = (ttl.minutes ?? 0) + (ttl.hours ?? 0) * 60;
    return new Date(now.getTime() + minutes * 60_000);
  }
}
