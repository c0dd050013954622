import { randomBytes } from 'node:crypto';
import { SecretCipher, maskSecret } from '../secret-cipher';
import { developmentEncryptionKey, parseEncryptionKey } from '../encryption-key';

const tenant = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';
const token = 'f3a9c2e18b7d4a6f0e5c9b2a1d8e7f60';

describe('SecretCipher', () => {
  const cipher = new SecretCipher(randomBytes(32));

  it('round-trips a token, with a fresh IV each time and no plaintext in the sealed bytes', () => {
    const a = cipher.seal(token, tenant);
    const b = cipher.seal(token, tenant);
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from(token))).toBe(false);
    expect(a.length).toBe(1 + 12 + 16 + token.length);
    expect(cipher.open(a, tenant)).toBe(token);
    expect(cipher.open(b, tenant)).toBe(token);
  });

  it('refuses a value altered at rest, sealed for another tenant, or sealed with another key', () => {
    const sealed = cipher.seal(token, tenant);
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 0x01;
    expect(() => cipher.open(altered, tenant)).toThrow();
    expect(() => cipher.open(sealed, '00000000-0000-4000-8000-000000000000')).toThrow();
    expect(() => new SecretCipher(randomBytes(32)).open(sealed, tenant)).toThrow();
    expect(() => cipher.open(Buffer.from([9, 1, 2]), tenant)).toThrow('not a sealed value of a known format');
  });

  it('needs a 32-byte key', () => {
    expect(() => new SecretCipher(randomBytes(16))).toThrow('32 bytes');
  });
});

describe('parseEncryptionKey', () => {
  it('reads 64 hex digits and base64 (standard or URL-safe) of 32 bytes', () => {
    const raw = randomBytes(32);
    expect(parseEncryptionKey(raw.toString('hex')).equals(raw)).toBe(true);
    expect(parseEncryptionKey(raw.toString('base64')).equals(raw)).toBe(true);
    expect(parseEncryptionKey(raw.toString('base64url')).equals(raw)).toBe(true);
    expect(parseEncryptionKey(developmentEncryptionKey('telephony'))).toHaveLength(32);
  });

  it('refuses passphrases and keys of another length', () => {
    expect(() => parseEncryptionKey('correct horse battery staple')).toThrow('32-byte key');
    expect(() => parseEncryptionKey(randomBytes(16).toString('hex'))).toThrow('32-byte key');
    expect(() => parseEncryptionKey(randomBytes(24).toString('base64'))).toThrow('32-byte key');
  });
});

describe('maskSecret', () => {
  it('shows the last 4 characters only', () => {
    expect(maskSecret(token)).toBe('••••••••7f60');
  });
});
