import { EnvError, makeValidator, num } from 'envalid';
import { baseConfigSpec, databaseConfigSpec, type ConfigOf } from '@parley/platform';

export const JWT_SECRET_MIN_LENGTH = 32;

/** An HS256 key shorter than 32 characters is guessable offline from any token: refuse to boot. */
const jwtSecret = makeValidator<string>((input) => {
  if (typeof input !== 'string' || input.length < JWT_SECRET_MIN_LENGTH) {
    throw new EnvError(`must be at least ${JWT_SECRET_MIN_LENGTH} characters`);
  }
  return input;
});

export const identityConfigSpec = {
  ...baseConfigSpec('identity'),
  ...databaseConfigSpec('identity'),
  JWT_SECRET: jwtSecret({ desc: 'HS256 key for access tokens (shared with the gateway), at least 32 characters' }),
  ACCESS_TOKEN_TTL_S: num({ default: 900, desc: 'access token lifetime in seconds' }),
  REFRESH_TOKEN_TTL_S: num({ default: 2_592_000, desc: 'refresh token lifetime in seconds (30 days)' }),
  LOGIN_MAX_FAILURES: num({ default: 5, desc: 'failed logins in a row that lock the account' }),
  LOGIN_LOCK_MINUTES: num({ default: 15, desc: 'how long a locked account stays locked' }),
  RESET_TOKEN_TTL_MINUTES: num({ default: 30, desc: 'how long a password reset token is valid' }),
  INVITE_TTL_HOURS: num({ default: 168, desc: 'how long a tenant invitation is valid (7 days)' }),
};

export type IdentityConfig = ConfigOf<typeof identityConfigSpec>;

/** Injection token of the validated identity config. */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
