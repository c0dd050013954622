import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { ValidatorSpec } from 'envalid';
import { connect } from 'nats';
import { Client } from 'pg';
import type { EventType, ServiceName } from '@parley/contracts';
import { bootService, ensureEventStream, loadConfig, type DatabaseConfig, type PlatformConfig } from '@parley/platform';
import { isolation, type Isolation } from './isolation';
import { TestBus } from './test-bus';

export interface OutboxRow {
  id: string;
  type: EventType;
  tenant_id: string;
  actor_id: string | null;
  data: Record<string, unknown>;
  published_at: Date | null;
}

/** A service booted on a fresh schema and subject prefix, and the ways a test looks at it. */
export interface ServiceHarness<C> {
  iso: Isolation;
  config: C;
  app: INestApplication;
  bus: TestBus;
  pg: Client;
  schema: string;
  /** Outbox rows, oldest first, optionally of one type. */
  outbox(type?: EventType): Promise<OutboxRow[]>;
  /** Runs SQL in the service's schema (to age a row, or look at what was persisted). */
  sql<R extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export interface HarnessOptions<S extends Record<string, ValidatorSpec<unknown>>> {
  service: ServiceName;
  spec: S;
  module: (config: ReturnType<typeof loadConfig<S>>) => DynamicModule;
  env?: Record<string, string>;
  /** Reuse an isolation (same schema and prefix), e.g. to boot the service again after a restart. */
  iso?: Isolation;
}

export async function bootServiceHarness<S extends Record<string, ValidatorSpec<unknown>>>(
  options: HarnessOptions<S>,
): Promise<ServiceHarness<ReturnType<typeof loadConfig<S>>>> {
  const iso = options.iso ?? isolation();
  const config = loadConfig(options.spec, iso.env(options.service, options.env ?? {}));
  const platform = config as unknown as PlatformConfig & DatabaseConfig;
  // In a full platform the consuming services create the event stream; here the test does.
  const nc = await connect({ servers: platform.NATS_URL });
  await ensureEventStream(await nc.jetstreamManager(), iso.prefix);
  await nc.close();
  const { app } = await bootService(options.module(config), platform);
  const bus = await TestBus.connect(platform.NATS_URL, iso.prefix);
  const pg = new Client({ connectionString: platform.DATABASE_URL });
  await pg.connect();
  const schema = platform.DB_SCHEMA;
  const sql = async <R extends object>(text: string, params: unknown[] = []): Promise<R[]> => {
    const client = new Client({ connectionString: platform.DATABASE_URL, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as R[];
    } finally {
      await client.end();
    }
  };
  return {
    iso, config, app, bus, pg, schema, sql,
    async outbox(type) {
      const rows = await pg.query(
        `SELECT id, type, tenant_id, actor_id, data, published_at FROM "${schema}".outbox_events
         WHERE ($1::text IS NULL OR type = $1) ORDER BY seq`,
        [type ?? null],
      );
      return rows.rows as OutboxRow[];
    },
    async close() {
      await bus.close();
      await app.close();
      await pg.end();
      if (!options.iso) await iso.cleanup();
    },
  };
}
