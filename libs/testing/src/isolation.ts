import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connect } from 'nats';
import { eventStreamName } from '@parley/platform';

/** Where the test run's Postgres and NATS are (tools/scripts/test.ts sets these). */
export function testInfra(): { DATABASE_URL: string; NATS_URL: string } {
  return {
    DATABASE_URL: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/parley_test',
    NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
  };
}

/**
 * A unique NATS subject prefix and schema suffix, so test files run in parallel on one
 * Postgres and one NATS without seeing each other.
 */
export interface Isolation {
  id: string;
  prefix: string;
  schema(service: string): string;
  /** Env for a service booted under this isolation. */
  env(service: string, extra?: Record<string, string>): Record<string, string>;
  cleanup(): Promise<void>;
}

/** A new isolation, or (given its id) the one another process created, to join its platform. */
export function isolation(existingId?: string): Isolation {
  const id = existingId ?? `t${randomBytes(4).toString('hex')}`;
  const prefix = `${id}.`;
  const schemas = new Set<string>();
  const infra = testInfra();
  return {
    id,
    prefix,
    schema(service) {
      const name = `${service.replace(/-/g, '_')}_${id}`;
      schemas.add(name);
      return name;
    },
    env(service, extra = {}) {
      return {
        ...infra,
        NODE_ENV: 'test',
        LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
        NATS_SUBJECT_PREFIX: prefix,
        DB_SCHEMA: this.schema(service),
        HEALTH_PORT: '0',
        OUTBOX_POLL_MS: '200',
        JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256',
        ...extra,
      };
    },
    async cleanup() {
      const client = new Client({ connectionString: infra.DATABASE_URL });
      await client.connect();
      try {
        for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
      const nc = await connect({ servers: infra.NATS_URL });
      try {
        const jsm = await nc.jetstreamManager();
        await jsm.streams.delete(eventStreamName(prefix)).catch(() => undefined);
      } finally {
        await nc.close();
      }
    },
  };
}
