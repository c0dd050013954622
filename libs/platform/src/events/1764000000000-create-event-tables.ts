import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox and the processed-events table every service owns in its own schema. */
export class CreateEventTables1764000000000 implements MigrationInterface {
  name = 'CreateEventTables1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_events (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL,
        type text NOT NULL,
        subject text NOT NULL,
        tenant_id uuid NOT NULL,
        actor_id uuid,
        request_id text,
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_events_unpublished ON outbox_events (seq) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE processed_events (
        event_id uuid PRIMARY KEY,
        type text NOT NULL,
        processed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE processed_events`);
    await q.query(`DROP TABLE outbox_events`);
  }
}
