import { createHash } from 'node:crypto';

export const ENCRYPTION_KEY_BYTES = 32;

/**
 * The key development and test runs fall back to when TELEPHONY_ENCRYPTION_KEY is unset: derived
 * from a public constant, so it protects nothing. Production has no fallback (config refuses to load).
 */
export const DEVELOPMENT_ENCRYPTION_KEY = createHash('sha256').update('parley-development-telephony-key: NOT SECRET').digest('hex');

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
