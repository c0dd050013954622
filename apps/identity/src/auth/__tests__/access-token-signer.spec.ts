import jwt from 'jsonwebtoken';
import { AccessTokenSigner } from '../access-token-signer';

const secret = 'unit-test-secret-that-is-long-enough-0123';
const claims = { sub: 'u1', tid: 't1', roles: ['owner'], perms: ['leads:read'], email: 'a@b.co' };

describe('AccessTokenSigner', () => {
  const signer = new AccessTokenSigner(secret, 900);

  it('signs HS256 tokens issued by parley that verify back to the same claims', () => {
    const { token, expiresIn } = signer.sign(claims);
    expect(expiresIn).toBe(900);
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    expect(header.alg).toBe('HS256');
    const verified = signer.verify(token);
    expect(verified?.claims).toEqual(claims);
    const decoded = jwt.decode(token) as jwt.JwtPayload;
    expect(decoded.iss).toBe('parley');
    expect(decoded.exp! - decoded.iat!).toBe(900);
    expect(verified?.expiresAt.getTime()).toBe(decoded.exp! * 1000);
  });

  it('rejects an expired token', () => {
    const { token } = signer.sign(claims);
    expect(signer.verify(token, new Date(Date.now() + 901_000))).toBeNull();
  });

  it('rejects a token signed with another key, another issuer or no signature', () => {
    expect(signer.verify(new AccessTokenSigner('another-secret-that-is-long-enough-456', 900).sign(claims).token)).toBeNull();
    expect(signer.verify(jwt.sign(claims, secret, { issuer: 'someone-else', expiresIn: 60 }))).toBeNull();
    expect(signer.verify(jwt.sign(claims, '', { algorithm: 'none' } as jwt.SignOptions))).toBeNull();
    expect(signer.verify('garbage')).toBeNull();
  });

  it('rejects a validly signed token that lacks the claims', () => {
    expect(signer.verify(jwt.sign({ sub: 'u1' }, secret, { issuer: 'parley', expiresIn: 60 }))).toBeNull();
  });
});
