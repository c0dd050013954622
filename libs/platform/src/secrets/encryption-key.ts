import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { EnvError, makeValidator } from 'envalid';
import { SecretCipher } from './secret-cipher';

export const ENCRYPTION_KEY_BYTES = 32;

/**
 * The key a service's development and test runs fall back to when its key is unset: derived from
 * a public constant, so it protects nothing. Production has no fallback (config refuses to load).
 */
export function developmentEncryptionKey(service: string): string {
  return createHash('sha256').update(`parley-development-${service}-key: NOT SECRET`).digest('hex');
}

/**
 * A 32-byte AES-256 key written as 64 hex digits or as base64 (44 characters with padding);
 * anything else is refused rather than stretched, so a weak passphrase never becomes the key.
 */
export function parseEncryptionKey(text: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(value) || /^[A-Za-z0-9_-]{43}=?$/.test(value)) {
    const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === ENCRYPTION_KEY_BYTES) return key;
  }
  throw new Error(`must be a ${ENCRYPTION_KEY_BYTES}-byte key written as 64 hex digits or base64 (e.g. \`openssl rand -hex 32\`)`);
}

/** An envalid validator of an encryption key that refuses the service's public development key. */
export function encryptionKeyValidator(service: string) {
  return makeValidator<string>((input) => {
    let key: Buffer;
    try {
      key = parseEncryptionKey(input);
    } catch (error) {
      throw new EnvError((error as Error).message);
    }
    // Set explicitly, the public development key would pass as a real one: refuse it anywhere.
    if (key.equals(parseEncryptionKey(developmentEncryptionKey(service)))) throw new EnvError('is the public development key; generate your own');
    return input.trim();
  });
}

/** The cipher of a configured key; with none (config allows that only outside production) the development key, loudly. */
export function secretCipherOf(configured: string | undefined, service: string, envName: string): SecretCipher {
  if (configured) return new SecretCipher(parseEncryptionKey(configured));
  new Logger('SecretCipher').warn(
    `${envName} is not set: secrets are sealed with the public development key. Set a key of your own (openssl rand -hex 32) before storing real credentials.`,
  );
  return new SecretCipher(parseEncryptionKey(developmentEncryptionKey(service)));
}
