import { Logger, type Provider } from '@nestjs/common';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';
import { AuthTokenCipher } from './auth-token-cipher';
import { DEVELOPMENT_ENCRYPTION_KEY, parseEncryptionKey } from './encryption-key';

/** The cipher keyed by TELEPHONY_ENCRYPTION_KEY; outside production an unset key falls back, loudly. */
export const authTokenCipherProvider: Provider = {
  provide: AuthTokenCipher,
  inject: [TELEPHONY_CONFIG],
  useFactory: (config: TelephonyConfig) => {
    const configured = config.TELEPHONY_ENCRYPTION_KEY;
    if (configured) return new AuthTokenCipher(parseEncryptionKey(configured));
    // Config refuses to load in production without a key; this is development or a test run.
    new Logger('AuthTokenCipher').warn(
      'TELEPHONY_ENCRYPTION_KEY is not set: Twilio auth tokens are sealed with the public development key. Set a key of your own (openssl rand -hex 32) before storing real credentials.',
    );
    return new AuthTokenCipher(parseEncryptionKey(DEVELOPMENT_ENCRYPTION_KEY));
  },
};
