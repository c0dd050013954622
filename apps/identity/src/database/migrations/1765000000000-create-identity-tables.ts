import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity's tables. Tenant-owned tables index tenant_id first; users are global (one account,
 * many tenants). Unqualified names land in the service's schema through the search_path.
 */
export class CreateIdentityTables1765000000000 implements MigrationInterface {
  name = 'CreateIdentityTables1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        name text,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);

    await q.query(`
      CREATE TABLE roles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL,
        description text,
        permissions text[] NOT NULL DEFAULT '{}',
        built_in boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX roles_tenant_name_key ON roles (tenant_id, name)`);

    await q.query(`CREATE TYPE agent_status AS ENUM ('ready', 'busy', 'offline', 'break')`);
    await q.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES roles (id) ON DELETE RESTRICT,
        status agent_status NOT NULL DEFAULT 'offline',
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        active_calls integer NOT NULL DEFAULT 0 CHECK (active_calls >= 0),
        escalations_handled integer NOT NULL DEFAULT 0 CHECK (escalations_handled >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX memberships_tenant_user_key ON memberships (tenant_id, user_id)`);
    await q.query(`CREATE INDEX memberships_tenant_role ON memberships (tenant_id, role_id)`);
    await q.query(`CREATE INDEX memberships_tenant_status ON memberships (tenant_id, status)`);
    // Login and "my tenants" look a user's memberships up across tenants.
    await q.query(`CREATE INDEX memberships_user ON memberships (user_id)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_tenant_user ON refresh_tokens (tenant_id, user_id)`);
    await q.query(`CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`);
    // A password change or reset revokes a user's tokens in every tenant.
    await q.query(`CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE password_reset_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX password_reset_tokens_user ON password_reset_tokens (user_id)`);

    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        email text NOT NULL,
        role_id uuid NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX invitations_pending_key ON invitations (tenant_id, lower(email)) WHERE accepted_at IS NULL`);
    // Registration looks pending invitations up by email across tenants.
    await q.query(`CREATE INDEX invitations_pending_email ON invitations (lower(email)) WHERE accepted_at IS NULL`);

    await q.query(`
      CREATE TABLE business_configs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        company_name text NOT NULL,
        industry text,
        website text,
        description text,
        timezone text NOT NULL DEFAULT 'UTC',
        contact_email text,
        contact_phone text,
        settings jsonb NOT NULL DEFAULT '{}',
        is_default boolean NOT NULL DEFAULT false,
        ai_agent_count integer NOT NULL DEFAULT 0,
        call_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX business_configs_tenant ON business_configs (tenant_id, created_at)`);
    await q.query(`CREATE UNIQUE INDEX business_configs_one_default ON business_configs (tenant_id) WHERE is_default`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE business_configs`);
    await q.query(`DROP TABLE invitations`);
    await q.query(`DROP TABLE password_reset_tokens`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE memberships`);
    await q.query(`DROP TYPE agent_status`);
    await q.query(`DROP TABLE roles`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE tenants`);
  }
}
