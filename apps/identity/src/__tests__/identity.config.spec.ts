import { ConfigError, loadConfig } from '@parley/platform';
import { identityConfigSpec } from '../identity.config';

const secret = 'a-jwt-secret-of-at-least-thirty-two-chars';

describe('identityConfigSpec', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(identityConfigSpec, { JWT_SECRET: secret });
    expect(config).toMatchObject({
      SERVICE_NAME: 'identity',
      DB_SCHEMA: 'identity',
      ACCESS_TOKEN_TTL_S: 900,
      REFRESH_TOKEN_TTL_S: 2_592_000,
      LOGIN_MAX_FAILURES: 5,
      LOGIN_LOCK_MINUTES: 15,
      RESET_TOKEN_TTL_MINUTES: 30,
      INVITE_TTL_HOURS: 168,
    });
  });

  it('refuses to start without a JWT secret, or with one shorter than 32 characters', () => {
    expect(() => loadConfig(identityConfigSpec, {})).toThrow(ConfigError);
    expect(() => loadConfig(identityConfigSpec, { JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
  });

  it('reads overrides as numbers', () => {
    const config = loadConfig(identityConfigSpec, { JWT_SECRET: secret, LOGIN_MAX_FAILURES: '3', ACCESS_TOKEN_TTL_S: '60' });
    expect(config.LOGIN_MAX_FAILURES).toBe(3);
    expect(config.ACCESS_TOKEN_TTL_S).toBe(60);
  });
});
