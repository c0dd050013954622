import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECRET = /^[A-Za-z0-9_-]{43}$/;
const SECRET_BYTES = 32;

export interface IssuedOpaqueToken {
  /** The row id, also the token's public lookup part. */
  id: string;
  /** `<id>.<secret>`: what the client gets, once. */
  value: string;
  /** sha256 of the value: what the database keeps. */
  hash: string;
}

/**
 * Opaque bearer tokens (refresh, password reset, invitation) as `<row id>.<32 random bytes,
 * base64url>`: the id finds the row in one index lookup, the secret proves possession, and
 * only a sha256 is stored, so a leaked table grants nothing.
 */
export class OpaqueToken {
  static issue(id: string = randomUUID()): IssuedOpaqueToken {
    const value = `${id}.${randomBytes(SECRET_BYTES).toString('base64url')}`;
    return { id, value, hash: OpaqueToken.hash(value) };
  }

  /** The row id of a well-formed token, or null for anything else. */
  static idOf(value: string): string | null {
    const dot = value.indexOf('.');
    if (dot < 0) return null;
    const id = value.slice(0, dot);
    const secret = value.slice(dot + 1);
    return UUID.test(id) && SECRET.test(secret) ? id.toLowerCase() : null;
  }

  static hash(value: string): string {
    return createHash('sha256').update(value).digest('hex');
  }

  /** Constant-time comparison of a presented token with a stored hash. */
  static matches(value: string, storedHash: string): boolean {
    const presented = Buffer.from(OpaqueToken.hash(value), 'hex');
    const stored = Buffer.from(storedHash, 'hex');
    return presented.length === stored.length && timingSafeEqual(presented, stored);
  }
}
