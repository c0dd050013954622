import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calling rules: the do-not-call list and each tenant's calling windows. A call check is one
 * primary-key lookup in dnc_numbers; lists read a tenant's newest entries first.
 */
export class CreateCallingRulesTables1768000000000 implements MigrationInterface {
  name = 'CreateCallingRulesTables1768000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dnc_numbers (
        tenant_id uuid NOT NULL,
        phone_number text NOT NULL CHECK (phone_number ~ '^\\+[1-9][0-9]{2,14}$'),
        reason text,
        source text NOT NULL CHECK (source IN ('manual', 'import', 'opt_out')),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, phone_number)
      )`);
    await q.query(`CREATE INDEX dnc_numbers_newest ON dnc_numbers (tenant_id, created_at DESC, phone_number)`);

    // No row: the defaults (every day 08:00–21:00, enforced, the service's fallback zone).
    await q.query(`
      CREATE TABLE calling_windows (
        tenant_id uuid PRIMARY KEY,
        windows jsonb NOT NULL,
        fallback_timezone text,
        enforced boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calling_windows, dnc_numbers`);
  }
}
