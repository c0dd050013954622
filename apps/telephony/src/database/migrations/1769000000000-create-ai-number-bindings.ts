import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tenant's numbers an AI agent answers (voice-ai deploys an agent on one). A number is bound
 * to at most one agent per tenant; inbound calls look it up by (tenant, number).
 */
export class CreateAiNumberBindings1769000000000 implements MigrationInterface {
  name = 'CreateAiNumberBindings1769000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ai_number_bindings (
        tenant_id uuid NOT NULL,
        phone_number text NOT NULL,
        ai_agent_id uuid NOT NULL,
        bound_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, phone_number)
      )`);
    await q.query(`CREATE INDEX ai_number_bindings_tenant_agent ON ai_number_bindings (tenant_id, ai_agent_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ai_number_bindings`);
  }
}
