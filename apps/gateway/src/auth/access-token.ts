import jwt from 'jsonwebtoken';
import type { AccessTokenClaims } from '@parley/contracts';

export const JWT_ISSUER = 'parley';

/** The one check of an access token outside passport (rate-limit hook, socket handshake). */
export function verifyAccessToken(token: string, secret: string): AccessTokenClaims | null {
  try {
    return jwt.verify(token, secret, { issuer: JWT_ISSUER, algorithms: ['HS256'] }) as AccessTokenClaims;
  } catch {
    return null;
  }
}
