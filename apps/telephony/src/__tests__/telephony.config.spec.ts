import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@parley/platform';
import { developmentEncryptionKey } from '@parley/platform';
import { telephonyConfigSpec } from '../telephony.config';

const key = randomBytes(32).toString('hex');

describe('telephonyConfigSpec', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(telephonyConfigSpec, { NODE_ENV: 'development' });
    expect(config).toMatchObject({
      SERVICE_NAME: 'telephony',
      DB_SCHEMA: 'telephony',
      PUBLIC_BASE_URL: 'http://localhost:8000',
      TWILIO_API_BASE_URL: '',
      TWILIO_REQUEST_TIMEOUT_MS: 10_000,
      TWILIO_MACHINE_DETECTION: true,
      TWILIO_RECORD_CALLS: false,
      DEFAULT_PHONE_REGION: 'US',
      COMPLIANCE_CHECK_TIMEOUT_MS: 3000,
      WEBHOOK_RECEIPT_TTL_H: 48,
    });
    // Unset outside production: the service falls back to the development key (and warns at boot).
    expect(config.TELEPHONY_ENCRYPTION_KEY).toBeUndefined();
  });

  it('refuses to load in production without an encryption key', () => {
    expect(() => loadConfig(telephonyConfigSpec, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig(telephonyConfigSpec, { NODE_ENV: 'production' })).toThrow(/TELEPHONY_ENCRYPTION_KEY/);
    expect(loadConfig(telephonyConfigSpec, { NODE_ENV: 'production', TELEPHONY_ENCRYPTION_KEY: key }).TELEPHONY_ENCRYPTION_KEY).toBe(key);
  });

  it('accepts a 32-byte key as hex or base64 and refuses anything else, the public development key included', () => {
    const raw = randomBytes(32);
    expect(loadConfig(telephonyConfigSpec, { TELEPHONY_ENCRYPTION_KEY: raw.toString('base64') }).TELEPHONY_ENCRYPTION_KEY).toBe(raw.toString('base64'));
    expect(() => loadConfig(telephonyConfigSpec, { TELEPHONY_ENCRYPTION_KEY: 'hunter2' })).toThrow(/TELEPHONY_ENCRYPTION_KEY: must be a 32-byte key/);
    expect(() => loadConfig(telephonyConfigSpec, { TELEPHONY_ENCRYPTION_KEY: developmentEncryptionKey('telephony') })).toThrow(/public development key/);
  });

  it('reads the Twilio API base URL without its trailing slash, and refuses what is not a URL', () => {
    expect(loadConfig(telephonyConfigSpec, { TWILIO_API_BASE_URL: 'http://127.0.0.1:4010/' }).TWILIO_API_BASE_URL).toBe('http://127.0.0.1:4010');
    expect(() => loadConfig(telephonyConfigSpec, { TWILIO_API_BASE_URL: 'api.twilio.local' })).toThrow(/TWILIO_API_BASE_URL/);
    expect(() => loadConfig(telephonyConfigSpec, { PUBLIC_BASE_URL: 'not a url' })).toThrow(/PUBLIC_BASE_URL/);
  });
});
