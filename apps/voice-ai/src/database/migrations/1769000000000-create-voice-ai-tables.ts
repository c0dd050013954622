import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AI agents, the conversations they hold (voice_calls, one per phone call or REST/WebSocket
 * session, with the engine's memory as jsonb) and their turns, and each tenant's AI provider
 * settings. A phone call has at most one conversation: telephony's answered webhook may be retried.
 * The outbox and processed_events come from the platform's own migration.
 */
export class CreateVoiceAiTables1769000000000 implements MigrationInterface {
  name = 'CreateVoiceAiTables1769000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ai_agents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        name text NOT NULL,
        role text,
        instructions text,
        greeting text NOT NULL DEFAULT '',
        company_name text,
        voice jsonb NOT NULL,
        tone text NOT NULL CHECK (tone IN ('professional', 'friendly', 'casual', 'empathetic', 'energetic')),
        channels text[] NOT NULL,
        knowledge_bases text[] NOT NULL DEFAULT '{}',
        tools text[] NOT NULL,
        extraction_fields jsonb NOT NULL DEFAULT '[]',
        provider text NOT NULL CHECK (provider IN ('local', 'openai')),
        model text,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused')),
        phone_number text,
        deployed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ai_agents_tenant_newest ON ai_agents (tenant_id, created_at DESC, id)`);

    await q.query(`
      CREATE TABLE voice_calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        ai_agent_id uuid NOT NULL,
        lead_id uuid,
        call_id uuid,
        phone_number text,
        call_type text NOT NULL CHECK (call_type IN ('phone', 'chat', 'web')),
        purpose text,
        provider text NOT NULL CHECK (provider IN ('local', 'openai')),
        status text NOT NULL DEFAULT 'created' CHECK (status IN ('created', 'active', 'ended')),
        state text NOT NULL DEFAULT 'greeting',
        voice jsonb NOT NULL,
        memory jsonb NOT NULL,
        lead jsonb,
        timezone text NOT NULL,
        turns integer NOT NULL DEFAULT 0,
        sentiment jsonb,
        summary jsonb,
        analytics jsonb,
        extracted jsonb,
        qa jsonb,
        succeeded boolean,
        end_reason text,
        started_at timestamptz,
        ended_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'ended') = (ended_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX voice_calls_tenant_call ON voice_calls (tenant_id, call_id) WHERE call_id IS NOT NULL`);
    await q.query(`CREATE INDEX voice_calls_tenant_newest ON voice_calls (tenant_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX voice_calls_tenant_agent ON voice_calls (tenant_id, ai_agent_id, created_at DESC)`);
    await q.query(`CREATE INDEX voice_calls_tenant_lead ON voice_calls (tenant_id, lead_id, created_at DESC) WHERE lead_id IS NOT NULL`);

    // Turn n is the caller's n-th utterance and the AI's answer to it; turn 0 is the AI's opening.
    await q.query(`
      CREATE TABLE conversation_turns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        voice_call_id uuid NOT NULL REFERENCES voice_calls (id) ON DELETE CASCADE,
        turn integer NOT NULL CHECK (turn >= 0),
        speaker text NOT NULL CHECK (speaker IN ('caller', 'ai')),
        text text NOT NULL,
        state text NOT NULL,
        intent text,
        analysis jsonb,
        latency jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX conversation_turns_unique ON conversation_turns (voice_call_id, turn, speaker)`);
    await q.query(`CREATE INDEX conversation_turns_tenant_call ON conversation_turns (tenant_id, voice_call_id, turn)`);

    await q.query(`
      CREATE TABLE ai_settings (
        tenant_id uuid PRIMARY KEY,
        openai_api_key_encrypted bytea,
        openai_base_url text,
        chat_model text,
        realtime_model text,
        default_provider text CHECK (default_provider IN ('local', 'openai')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ai_settings`);
    await q.query(`DROP TABLE conversation_turns`);
    await q.query(`DROP TABLE voice_calls`);
    await q.query(`DROP TABLE ai_agents`);
  }
}
