import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { AccessTokenClaims } from '@parley/contracts';

export const ACCESS_TOKEN_ISSUER = 'parley';
const ALGORITHM = 'HS256';

export interface SignedAccessToken {
  token: string;
  expiresIn: number;
}

export interface VerifiedAccessToken {
  claims: AccessTokenClaims;
  expiresAt: Date;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Signs and verifies access tokens: HS256 with the shared secret, issuer `parley`. */
export class AccessTokenSigner {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {}

  sign(claims: AccessTokenClaims): SignedAccessToken {
    const payload = { sub: claims.sub, tid: claims.tid, roles: claims.roles, perms: claims.perms, email: claims.email };
    const token = jwt.sign(payload, this.secret, {
      algorithm: ALGORITHM,
      issuer: ACCESS_TOKEN_ISSUER,
      expiresIn: this.ttlSeconds,
      jwtid: randomUUID(),
    });
    return { token, expiresIn: this.ttlSeconds };
  }

  /** The claims of a valid token, or null: bad signature, wrong issuer or algorithm, expired, malformed. */
  verify(token: string, now: Date = new Date()): VerifiedAccessToken | null {
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.secret, {
        algorithms: [ALGORITHM],
        issuer: ACCESS_TOKEN_ISSUER,
        clockTimestamp: Math.floor(now.getTime() / 1000),
      });
    } catch {
      return null; // every verification failure means the same thing to the caller: not valid
    }
    if (typeof payload === 'string') return null;
    const { sub, tid, roles, perms, email, exp } = payload as jwt.JwtPayload & Partial<AccessTokenClaims>;
    if (typeof sub !== 'string' || typeof tid !== 'string' || typeof email !== 'string') return null;
    if (!isStringArray(roles) || !isStringArray(perms) || typeof exp !== 'number') return null;
    return { claims: { sub, tid, roles, perms, email }, expiresAt: new Date(exp * 1000) };
  }
}
