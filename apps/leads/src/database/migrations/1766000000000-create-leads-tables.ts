import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ensureSharedExtension } from '@parley/platform';

/**
 * The leads service's tables. Tenant-owned tables index tenant_id first. Free-text search uses a
 * trigram index (pg_trgm, a contrib extension every Postgres distribution ships and managed
 * services allow) over one lower-cased column, so `ILIKE '%term%'` stays an index scan at 100k+ rows.
 */
export class CreateLeadsTables1766000000000 implements MigrationInterface {
  name = 'CreateLeadsTables1766000000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = await ensureSharedExtension(q, 'pg_trgm');

    await q.query(`CREATE TYPE lead_status AS ENUM
      ('new', 'contacted', 'qualified', 'proposal', 'closed_won', 'closed_lost', 'do_not_contact')`);
    await q.query(`CREATE TYPE campaign_status AS ENUM ('draft', 'scheduled', 'active', 'paused', 'completed')`);

    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        name text NOT NULL,
        description text,
        type text NOT NULL DEFAULT 'outbound_call',
        status campaign_status NOT NULL DEFAULT 'draft',
        ai_agent_id uuid,
        settings jsonb NOT NULL DEFAULT '{}',
        scheduled_at timestamptz,
        started_at timestamptz,
        paused_at timestamptz,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX campaigns_tenant ON campaigns (tenant_id, created_at DESC)`);
    // The scheduler scans due campaigns across tenants.
    await q.query(`CREATE INDEX campaigns_due ON campaigns (scheduled_at) WHERE status = 'scheduled'`);

    await q.query(`
      CREATE TABLE leads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        name text NOT NULL,
        email text,
        phone text,
        company text,
        title text,
        industry text,
        company_size integer,
        annual_revenue numeric(16, 2),
        budget numeric(16, 2),
        website text,
        country text,
        source text NOT NULL DEFAULT 'manual',
        status lead_status NOT NULL DEFAULT 'new',
        score real NOT NULL DEFAULT 0 CHECK (score >= 0 AND score <= 1),
        -- Thresholds as real: 0.7::real < 0.7::numeric, so a lead scored 0.7 would otherwise be warm.
        priority text GENERATED ALWAYS AS (
          CASE WHEN score >= 0.7::real THEN 'hot' WHEN score >= 0.4::real THEN 'warm' ELSE 'cold' END
        ) STORED,
        score_breakdown jsonb,
        scored_at timestamptz,
        campaign_id uuid REFERENCES campaigns (id) ON DELETE SET NULL,
        assigned_to uuid,
        assigned_team text,
        tags text[] NOT NULL DEFAULT '{}',
        notes text,
        custom_fields jsonb NOT NULL DEFAULT '{}',
        last_contacted_at timestamptz,
        -- When the lead became closed_won (a final status), for conversions over time.
        converted_at timestamptz,
        next_contact_at timestamptz,
        claimed_by uuid,
        claimed_at timestamptz,
        claim_expires_at timestamptz,
        search_text text GENERATED ALWAYS AS (
          lower(name || ' ' || coalesce(email, '') || ' ' || coalesce(company, ''))
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX leads_tenant_email_key ON leads (tenant_id, lower(email)) WHERE email IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX leads_tenant_phone_key ON leads (tenant_id, phone) WHERE phone IS NOT NULL`);
    await q.query(`CREATE INDEX leads_tenant_created ON leads (tenant_id, created_at DESC)`);
    await q.query(`CREATE INDEX leads_tenant_status ON leads (tenant_id, status)`);
    await q.query(`CREATE INDEX leads_tenant_assigned ON leads (tenant_id, assigned_to)`);
    await q.query(`CREATE INDEX leads_tenant_campaign ON leads (tenant_id, campaign_id)`);
    await q.query(`CREATE INDEX leads_tenant_score ON leads (tenant_id, score DESC)`);
    await q.query(`CREATE INDEX leads_search_trgm ON leads USING gin (search_text "${schema}".gin_trgm_ops)`);
    // The human queue: open leads, best first.
    await q.query(`CREATE INDEX leads_queue ON leads (tenant_id, score DESC, created_at)
      WHERE status IN ('new', 'contacted')`);

    await q.query(`
      CREATE TABLE lead_activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        type text NOT NULL,
        description text,
        metadata jsonb NOT NULL DEFAULT '{}',
        actor_id uuid,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX lead_activities_lead ON lead_activities (tenant_id, lead_id, occurred_at DESC)`);

    await q.query(`
      CREATE TABLE lead_settings (
        tenant_id uuid PRIMARY KEY,
        score_weights jsonb NOT NULL,
        default_routing text NOT NULL DEFAULT 'least_busy',
        round_robin_cursor integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE routing_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        name text NOT NULL,
        description text,
        priority integer NOT NULL DEFAULT 100,
        enabled boolean NOT NULL DEFAULT true,
        conditions jsonb NOT NULL DEFAULT '[]',
        action jsonb NOT NULL,
        round_robin_cursor integer NOT NULL DEFAULT 0,
        matched_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX routing_rules_tenant ON routing_rules (tenant_id, priority, created_at)`);

    await q.query(`
      CREATE TABLE routing_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        lead_id uuid NOT NULL,
        rule_id uuid,
        rule_name text NOT NULL,
        agent_id uuid,
        team text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX routing_decisions_tenant ON routing_decisions (tenant_id, created_at DESC)`);

    // Read model of identity's agent.status_changed events: who can take leads, without asking identity.
    await q.query(`
      CREATE TABLE agent_presence (
        tenant_id uuid NOT NULL,
        agent_id uuid NOT NULL,
        status text NOT NULL,
        status_changed_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, agent_id)
      )`);

    await q.query(`
      CREATE TABLE lead_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        actor_id uuid,
        total_rows integer NOT NULL,
        created integer NOT NULL,
        merged integer NOT NULL,
        failed integer NOT NULL,
        errors jsonb NOT NULL DEFAULT '[]',
        duration_ms integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX lead_imports_tenant ON lead_imports (tenant_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lead_imports, agent_presence, routing_decisions, routing_rules, lead_settings,
      lead_activities, leads, campaigns`);
    await q.query(`DROP TYPE campaign_status, lead_status`);
  }
}
