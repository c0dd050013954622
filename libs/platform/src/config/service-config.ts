import { bool, cleanEnv, num, str, url, type ValidatorSpec } from 'envalid';
import type { ServiceName } from '@parley/contracts';

/** Variables every service reads; a service spreads these into its own spec. */
export function baseConfigSpec(service: ServiceName | 'gateway') {
  return {
    NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
    LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
    LOG_PRETTY: bool({ default: false, desc: 'human-readable logs for a terminal' }),
    NATS_URL: url({ default: 'nats://127.0.0.1:4222' }),
    NATS_SUBJECT_PREFIX: str({ default: '', desc: 'prefix for every subject and the event stream (tests isolate runs with it)' }),
    REQUEST_TIMEOUT_MS: num({ default: 5000, desc: 'how long a NATS request waits before 503' }),
    HEALTH_PORT: num({ default: 0, desc: 'HTTP port for /health and /ready (0: any free port)' }),
    SERVICE_NAME: str({ default: service }),
  } satisfies Record<string, ValidatorSpec<unknown>>;
}

export function databaseConfigSpec(service: ServiceName) {
  return {
    DATABASE_URL: url({ default: 'postgres://postgres@127.0.0.1:5432/parley' }),
    DB_SCHEMA: str({ default: service, desc: 'the Postgres schema this service owns' }),
    DB_POOL_SIZE: num({ default: 10 }),
    DB_MIGRATE_ON_BOOT: bool({ default: true }),
    OUTBOX_POLL_MS: num({ default: 1000, desc: 'relay poll interval; commits also nudge it at once' }),
  } satisfies Record<string, ValidatorSpec<unknown>>;
}

export class ConfigError extends Error {}

/**
 * Validates the environment against a spec once, at boot. A bad or missing variable
 * throws one error naming every problem, so the process stops with a clear message.
 */
export function loadConfig<S extends Record<string, ValidatorSpec<unknown>>>(
  spec: S,
  env: Record<string, string | undefined> = process.env,
) {
  const problems: string[] = [];
  const config = cleanEnv(env, spec, {
    reporter: ({ errors }) => {
      for (const [name, error] of Object.entries(errors)) problems.push(`${name}: ${(error as Error).message}`);
    },
  });
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  // A plain object: envalid's proxy throws on unknown keys, and Nest probes providers for hooks.
  return { ...config };
}

export type ConfigOf<S extends Record<string, ValidatorSpec<unknown>>> = ReturnType<typeof loadConfig<S>>;

/** The slice of config the platform itself needs. */
export interface PlatformConfig {
  NODE_ENV: string;
  LOG_LEVEL: string;
  LOG_PRETTY: boolean;
  NATS_URL: string;
  NATS_SUBJECT_PREFIX: string;
  REQUEST_TIMEOUT_MS: number;
  HEALTH_PORT: number;
  SERVICE_NAME: string;
}

export interface DatabaseConfig {
  DATABASE_URL: string;
  DB_SCHEMA: string;
  DB_POOL_SIZE: number;
  DB_MIGRATE_ON_BOOT: boolean;
  OUTBOX_POLL_MS: number;
}

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
