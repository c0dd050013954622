/** What a refresh token row says about itself when it is presented. */
export interface RefreshTokenState {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export type RotationDecision = 'rotate' | 'reuse_detected' | 'expired' | 'revoked';

/**
 * Rotating refresh tokens (OAuth 2.0 Security BCP): each token is good once. A token
 * presented a second time means two parties hold it (one of them stole it), so the
 * whole family is revoked and both must log in again.
 */
export class RefreshTokenRotation {
  static decide(token: RefreshTokenState, now: Date): RotationDecision {
    if (token.revokedAt) return 'revoked';
    // A used token is a theft signal even after it expired: check it before expiry.
    if (token.usedAt) return 'reuse_detected';
    if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
    return 'rotate';
  }

  /** Presenting a used or revoked token ends the whole session (every token of the family). */
  static revokesFamily(decision: RotationDecision): boolean {
    return decision === 'reuse_detected' || decision === 'revoked';
  }
}
