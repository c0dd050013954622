import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes of the human queue's claim. A claim assigns the lead, so claimed leads drop out of
 * `leads_queue_open` at once and concurrent claimers never walk past the leads just handed out;
 * an agent's own leads (expired claims come back to them) are read from `leads_queue_assigned`.
 */
export class AddQueueIndexes1766000000100 implements MigrationInterface {
  name = 'AddQueueIndexes1766000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX leads_queue_open ON leads (tenant_id, score DESC, created_at)
      WHERE status IN ('new', 'contacted') AND assigned_to IS NULL`);
    await q.query(`CREATE INDEX leads_queue_assigned ON leads (tenant_id, assigned_to, score DESC, created_at)
      WHERE status IN ('new', 'contacted')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX leads_queue_assigned, leads_queue_open`);
  }
}
