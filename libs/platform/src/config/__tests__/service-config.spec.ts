import { num, str } from 'envalid';
import { baseConfigSpec, ConfigError, loadConfig } from '../service-config';

describe('loadConfig', () => {
  const spec = { ...baseConfigSpec('identity'), JWT_SECRET: str(), ACCESS_TOKEN_TTL_S: num({ default: 900 }) };

  it('answers typed values with defaults filled in', () => {
    const config = loadConfig(spec, { JWT_SECRET: 'x'.repeat(32), ACCESS_TOKEN_TTL_S: '60' });
    expect(config.ACCESS_TOKEN_TTL_S).toBe(60);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.SERVICE_NAME).toBe('identity');
  });

  it('stops with one message naming every bad or missing variable', () => {
    const attempt = () => loadConfig(spec, { ACCESS_TOKEN_TTL_S: 'soon', NATS_URL: 'not a url' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/JWT_SECRET/);
    expect(attempt).toThrow(/ACCESS_TOKEN_TTL_S/);
    expect(attempt).toThrow(/NATS_URL/);
  });

  it('answers a plain object that tolerates probing for unknown keys', () => {
    const config = loadConfig(spec, { JWT_SECRET: 'x'.repeat(32) }) as Record<string, unknown>;
    expect(config['onModuleInit']).toBeUndefined();
  });
});
