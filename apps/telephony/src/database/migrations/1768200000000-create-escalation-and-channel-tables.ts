import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escalations (a live call handed to a human agent or the human queue) and the tenant's channel
 * settings. A call has at most one open escalation: a unique partial index makes a second,
 * concurrent escalate of the same call fail instead of sending Twilio two transfers.
 */
export class CreateEscalationAndChannelTables1768200000000 implements MigrationInterface {
  name = 'CreateEscalationAndChannelTables1768200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE call_escalations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('dialing', 'queued', 'completed')),
        agent_id uuid,
        previous_agent_id uuid,
        selected_by text CHECK (selected_by IN ('request', 'routing', 'least_busy')),
        routing_rule text,
        selection_reason text NOT NULL,
        reason text,
        summary text,
        queue_name text,
        queue_position integer,
        outcome text CHECK (outcome IN ('connected', 'no_answer', 'busy', 'failed', 'canceled', 'abandoned', 'left')),
        duration_seconds integer,
        requested_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CHECK ((status = 'completed') = (outcome IS NOT NULL)),
        CHECK (status <> 'dialing' OR agent_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX call_escalations_one_open ON call_escalations (call_id) WHERE status IN ('dialing', 'queued')`);
    await q.query(`CREATE INDEX call_escalations_tenant_call ON call_escalations (tenant_id, call_id, created_at)`);
    // Agents being dialed (busy), and the queue in arrival order (a new caller's position).
    await q.query(`CREATE INDEX call_escalations_tenant_dialing ON call_escalations (tenant_id, agent_id) WHERE status = 'dialing'`);
    await q.query(`CREATE INDEX call_escalations_tenant_queued ON call_escalations (tenant_id, created_at) WHERE status = 'queued'`);

    await q.query(`
      CREATE TABLE channel_settings (
        tenant_id uuid PRIMARY KEY,
        phone_number text,
        phone_number_sid text,
        voice_url text,
        status_callback_url text,
        phone_configured_at timestamptz,
        chat_widget_enabled boolean NOT NULL DEFAULT false,
        chat_widget_greeting text,
        chat_widget_color text,
        whatsapp_enabled boolean NOT NULL DEFAULT false,
        whatsapp_number text,
        email_enabled boolean NOT NULL DEFAULT false,
        email_address text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE channel_settings, call_escalations`);
  }
}
