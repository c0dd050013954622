import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { connect } from 'nats';
import { Client } from 'pg';
import type { EventType, RequestContext, TokenPairDto } from '@parley/contracts';
import { bootService, ensureEventStream, loadConfig } from '@parley/platform';
import { isolation, TestBus, type Isolation } from '@parley/testing';
import { IdentityAppModule } from '../../src/identity-app.module';
import { identityConfigSpec, type IdentityConfig } from '../../src/identity.config';

export interface OutboxRow {
  id: string;
  type: EventType;
  tenant_id: string;
  actor_id: string | null;
  data: Record<string, unknown>;
  published_at: Date | null;
}

/** The identity service booted on a fresh schema and subject prefix, and the ways a test looks at it. */
export interface IdentityHarness {
  iso: Isolation;
  config: IdentityConfig;
  app: INestApplication;
  bus: TestBus;
  pg: Client;
  schema: string;
  /** Outbox rows, oldest first, optionally of one type. */
  outbox(type?: EventType): Promise<OutboxRow[]>;
  /** Runs SQL in the service's schema (to age a token, or feed a read model as another service would). */
  sql<R extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export async function bootIdentity(env: Record<string, string> = {}): Promise<IdentityHarness> {
  const iso = isolation();
  const config = loadConfig(identityConfigSpec, iso.env('identity', env));
  // In a full platform the consuming services create the event stream; here the test does.
  const nc = await connect({ servers: config.NATS_URL });
  await ensureEventStream(await nc.jetstreamManager(), iso.prefix);
  await nc.close();
  const { app } = await bootService(IdentityAppModule.forRoot(config), config);
  const bus = await TestBus.connect(config.NATS_URL, iso.prefix);
  const pg = new Client({ connectionString: config.DATABASE_URL });
  await pg.connect();
  const schema = config.DB_SCHEMA;
  const sql = async <R extends object>(text: string, params: unknown[] = []): Promise<R[]> => {
    const client = new Client({ connectionString: config.DATABASE_URL, options: `-c search_path=${schema}` });
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
      await iso.cleanup();
    },
  };
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.com`;
}

/** The request context the gateway would derive from this token pair. */
export function ctxOf(pair: TokenPairDto, extra: Partial<RequestContext> = {}): Partial<RequestContext> {
  return {
    tenant_id: pair.user.tenant_id,
    user_id: pair.user.id,
    roles: [pair.user.role],
    perms: pair.user.permissions,
    ...extra,
  };
}

export interface RegisteredUser {
  email: string;
  password: string;
  pair: TokenPairDto;
  ctx: Partial<RequestContext>;
}

export async function registerUser(
  bus: TestBus,
  overrides: { email?: string; password?: string; name?: string; company?: string } = {},
): Promise<RegisteredUser> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? 'correct horse battery';
  const pair = await bus.send('identity.auth.register', {
    email, password, name: overrides.name ?? 'Test User', company_name: overrides.company ?? 'Acme Calls',
  });
  return { email, password, pair, ctx: ctxOf(pair) };
}
