import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ensureSharedExtension } from '@parley/platform';

/**
 * The telephony service's tables. Tenant-owned tables index tenant_id first. Call search matches
 * the numbers and the summary through a trigram index (pg_trgm) over one lower-cased column, so
 * `LIKE '%term%'` stays an index scan on a large call log.
 */
export class CreateTelephonyTables1768000000000 implements MigrationInterface {
  name = 'CreateTelephonyTables1768000000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = await ensureSharedExtension(q, 'pg_trgm');

    await q.query(`
      CREATE TABLE calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        type text NOT NULL CHECK (type IN ('phone', 'chat')),
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'ringing', 'in_progress', 'completed', 'failed', 'busy', 'no_answer', 'canceled')),
        lead_id uuid,
        ai_agent_id uuid,
        agent_id uuid,
        business_id uuid,
        from_number text,
        to_number text,
        -- Twilio's CallSid; callbacks find the call by it.
        provider_call_id text,
        -- The highest SequenceNumber of a status callback applied; an older one changes nothing.
        last_sequence integer,
        started_at timestamptz,
        answered_at timestamptz,
        ended_at timestamptz,
        duration_seconds integer,
        recording_url text,
        summary text,
        sentiment real CHECK (sentiment BETWEEN -1 AND 1),
        tags text[] NOT NULL DEFAULT '{}',
        resolution text,
        outcome text,
        -- Why a call failed (Twilio's error, or busy/no answer), for call.failed.
        end_reason text,
        metadata jsonb NOT NULL DEFAULT '{}',
        transcript jsonb NOT NULL DEFAULT '[]',
        analysis jsonb NOT NULL DEFAULT '{}',
        search_text text GENERATED ALWAYS AS (
          lower(coalesce(from_number, '') || ' ' || coalesce(to_number, '') || ' ' || coalesce(summary, ''))
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX calls_tenant_provider_call_key ON calls (tenant_id, provider_call_id) WHERE provider_call_id IS NOT NULL`);
    await q.query(`CREATE INDEX calls_tenant_created ON calls (tenant_id, created_at DESC)`);
    await q.query(`CREATE INDEX calls_tenant_status ON calls (tenant_id, status)`);
    await q.query(`CREATE INDEX calls_tenant_lead ON calls (tenant_id, lead_id) WHERE lead_id IS NOT NULL`);
    await q.query(`CREATE INDEX calls_tenant_agent ON calls (tenant_id, agent_id) WHERE agent_id IS NOT NULL`);
    await q.query(`CREATE INDEX calls_search_trgm ON calls USING gin (search_text "${schema}".gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE call_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        content text NOT NULL,
        category text NOT NULL DEFAULT 'general',
        tags text[] NOT NULL DEFAULT '{}',
        author_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX call_notes_call ON call_notes (tenant_id, call_id, created_at)`);

    // The token is sealed with AES-256-GCM (SecretCipher); no column ever holds it in clear.
    await q.query(`
      CREATE TABLE telephony_settings (
        tenant_id uuid PRIMARY KEY,
        account_sid text NOT NULL,
        auth_token_encrypted bytea NOT NULL,
        phone_number text NOT NULL,
        public_base_url text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Twilio webhooks already applied, by signature: a retried delivery (same URL and parameters,
    // so the same signature) is answered without being applied twice.
    await q.query(`
      CREATE TABLE webhook_receipts (
        tenant_id uuid NOT NULL,
        signature text NOT NULL,
        kind text NOT NULL,
        call_id uuid,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, signature)
      )`);
    await q.query(`CREATE INDEX webhook_receipts_received ON webhook_receipts (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_receipts, telephony_settings, call_notes, calls`);
  }
}
