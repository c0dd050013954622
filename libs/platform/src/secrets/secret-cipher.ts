import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ENCRYPTION_KEY_BYTES } from './encryption-key';

const ALGORITHM = 'aes-256-gcm';
/** The first byte of every sealed value, so a later key rotation can tell formats apart. */
const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals tenants' secrets (Twilio auth tokens, OpenAI keys) with AES-256-GCM: a random IV per value and the
 * authentication tag stored with it, so a value altered in the database fails to open instead of
 * decrypting to garbage. The tenant id is bound in as associated data: a sealed token copied into
 * another tenant's row does not open either. Layout: version(1) | iv(12) | tag(16) | ciphertext.
 */
export class SecretCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== ENCRYPTION_KEY_BYTES) throw new Error(`the encryption key must be ${ENCRYPTION_KEY_BYTES} bytes`);
  }

  seal(plaintext: string, tenantId: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(tenantId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), ciphertext]);
  }

  open(sealed: Buffer, tenantId: string): string {
    if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT_V1) throw new Error('not a sealed value of a known format');
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(tenantId, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

/** What a settings answer shows of a secret: its last 4 characters. */
export function maskSecret(secret: string): string {
  return `${'•'.repeat(8)}${secret.slice(-4)}`;
}
