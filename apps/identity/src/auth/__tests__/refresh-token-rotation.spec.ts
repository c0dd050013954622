import { RefreshTokenRotation, type RefreshTokenState } from '../refresh-token-rotation';

const now = new Date('2025-06-01T12:00:00Z');
const later = new Date('2025-06-02T12:00:00Z');
const earlier = new Date('2025-05-31T12:00:00Z');

function token(overrides: Partial<RefreshTokenState> = {}): RefreshTokenState {
  return { expiresAt: later, usedAt: null, revokedAt: null, ...overrides };
}

describe('RefreshTokenRotation', () => {
  it('rotates a fresh, unused, unexpired token', () => {
    expect(RefreshTokenRotation.decide(token(), now)).toBe('rotate');
  });

  it('detects reuse of a token that was already rotated', () => {
    expect(RefreshTokenRotation.decide(token({ usedAt: earlier }), now)).toBe('reuse_detected');
  });

  it('treats a used token as reuse even after it expired', () => {
    expect(RefreshTokenRotation.decide(token({ usedAt: earlier, expiresAt: earlier }), now)).toBe('reuse_detected');
  });

  it('refuses a revoked token, whatever else is true of it', () => {
    expect(RefreshTokenRotation.decide(token({ revokedAt: earlier }), now)).toBe('revoked');
    expect(RefreshTokenRotation.decide(token({ revokedAt: earlier, usedAt: earlier }), now)).toBe('revoked');
  });

  it('expires a token at its deadline exactly', () => {
    expect(RefreshTokenRotation.decide(token({ expiresAt: now }), now)).toBe('expired');
    expect(RefreshTokenRotation.decide(token({ expiresAt: new Date(now.getTime() + 1) }), now)).toBe('rotate');
  });

  it('revokes the family on reuse or a revoked token, not on expiry or rotation', () => {
    expect(RefreshTokenRotation.revokesFamily('reuse_detected')).toBe(true);
    expect(RefreshTokenRotation.revokesFamily('revoked')).toBe(true);
    expect(RefreshTokenRotation.revokesFamily('expired')).toBe(false);
    expect(RefreshTokenRotation.revokesFamily('rotate')).toBe(false);
  });
});
