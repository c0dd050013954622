import { Injectable, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { JSONCodec } from 'nats';
import { randomUUID } from 'node:crypto';
import { eventSubject, type DomainEvent, type RequestContext } from '@parley/contracts';
import { eventually, isolation, publishDomainEvent, type Isolation } from '../src';
import {
  databaseConfigSpec, baseConfigSpec, loadConfig, NatsConnectionHolder, OnEvent, PlatformModule, TenantDb,
  eventStreamName,
} from '@parley/platform';

/** What the consumer saw, shared with the test through a module-level list. */
const received: DomainEvent<'agent.status_changed'>[] = [];

@Injectable()
class StatusListener {
  @OnEvent('agent.status_changed')
  async onStatus(event: DomainEvent<'agent.status_changed'>): Promise<void> {
    received.push(event);
  }
}

@Module({})
class ConsumerModule {
  static forRoot(iso: Isolation): DynamicModule {
    const config = loadConfig({ ...baseConfigSpec('identity'), ...databaseConfigSpec('identity') }, iso.env('consumer', { SERVICE_NAME: 'durability-consumer' }));
    return { module: ConsumerModule, imports: [PlatformModule.forService({ service: 'identity', config, database: { entities: [], migrations: [] } })], providers: [StatusListener] };
  }
}

@Module({})
class ProducerModule {
  static forRoot(iso: Isolation): DynamicModule {
    const config = loadConfig({ ...baseConfigSpec('identity'), ...databaseConfigSpec('identity') }, iso.env('producer', { OUTBOX_POLL_MS: '100000' }));
    return { module: ProducerModule, imports: [PlatformModule.forService({ service: 'identity', config, database: { entities: [], migrations: [] } })] };
  }
}

async function boot(module: DynamicModule): Promise<INestApplication> {
  const app = await NestFactory.createApplicationContext(module, { logger: false });
  await app.init();
  return app as unknown as INestApplication;
}

describe('events on JetStream through the outbox', () => {
  const iso = isolation();
  const tenantId = randomUUID();
  const ctx: RequestContext = { request_id: 'req-durable-1', tenant_id: tenantId, user_id: randomUUID(), roles: [], perms: [] };
  afterAll(() => iso.cleanup());

  it('delivers an event published while the consumer was down, once', async () => {
    // First boot creates the durable consumer; then the consumer goes down.
    const firstConsumer = await boot(ConsumerModule.forRoot(iso));
    await firstConsumer.close();

    const producer = await boot(ProducerModule.forRoot(iso));
    const db = producer.get(TenantDb);
    const agentId = randomUUID();
    await db.transaction(ctx, (uow) =>
      uow.emit('agent.status_changed', { agent_id: agentId, status: 'ready', previous_status: 'offline', timestamp: new Date().toISOString() }),
    );
    // The commit nudged the relay (its poll is set far off): the row gets published and marked.
    const pg = new Client({ connectionString: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/parley_test' });
    await pg.connect();
    const outbox = () => pg.query(`SELECT id, published_at, request_id FROM "${iso.schema('producer')}".outbox_events`);
    const rows = await eventually(outbox, (r) => r.rows[0]?.published_at != null, 5000);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0].published_at).not.toBeNull();
    expect(rows.rows[0].request_id).toBe('req-durable-1');

    // A duplicate publish of the same event (a relay crash before marking) is dropped by JetStream.
    const nats = producer.get(NatsConnectionHolder);
    const js = nats.nc.jetstream();
    const stored = await (await nats.nc.jetstreamManager()).streams.getMessage(eventStreamName(iso.prefix), { last_by_subj: `${iso.prefix}${eventSubject('agent.status_changed')}` });
    const ack = await js.publish(stored.subject, stored.data, { msgID: rows.rows[0].id });
    expect(ack.duplicate).toBe(true);

    // The consumer comes back and gets it exactly once.
    const consumer = await boot(ConsumerModule.forRoot(iso));
    await eventually(() => received.length >= 1, undefined, 5000);
    await new Promise((r) => setTimeout(r, 500));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ type: 'agent.status_changed', tenant_id: tenantId, request_id: 'req-durable-1', data: { agent_id: agentId } });

    // A redelivery of an already handled id (another stream copy) is skipped by the processed-events table.
    await publishDomainEvent(nats.nc, iso.prefix, JSONCodec<DomainEvent>().decode(stored.data), randomUUID());
    await new Promise((r) => setTimeout(r, 500));
    expect(received).toHaveLength(1);
    const processed = await pg.query(`SELECT event_id FROM "${iso.schema('consumer')}".processed_events`);
    expect(processed.rows.map((r) => r.event_id)).toEqual([rows.rows[0].id]);

    await pg.end();
    await consumer.close();
    await producer.close();
  });
});
