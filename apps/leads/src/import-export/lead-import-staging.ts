import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';
import type { LeadStatus } from '@parley/contracts';
import type { ImportedLead } from './lead-row-parser';
import { STAGING_COLUMNS } from './lead-csv-reader';

const STAGING = 'lead_import_staging';

/** Scalar columns where, among rows of one lead, the last non-empty value wins. */
const LAST_WINS = [
  'name', 'email', 'phone', 'company', 'title', 'industry', 'company_size', 'annual_revenue', 'budget', 'website',
  'country', 'source', 'status', 'notes',
] as const;

/** Columns a merge copies onto an existing lead when the file has a value (email and phone are guarded). */
const MERGED_ONTO_EXISTING = [
  'company', 'title', 'industry', 'company_size', 'annual_revenue', 'budget', 'website', 'country', 'source', 'notes',
] as const;

interface StagedRow {
  line: number;
  name: string | null;
  fallback_name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  industry: string | null;
  company_size: number | null;
  annual_revenue: string | null;
  budget: string | null;
  website: string | null;
  country: string | null;
  source: string | null;
  status: LeadStatus | null;
  tags: string[];
  notes: string | null;
  custom_fields: Record<string, unknown>;
}

const toNumber = (value: string | null) => (value === null ? null : Number(value));

/**
 * New leads get their score (and so their priority) but no stored score_breakdown: writing the
 * explanation of every row made a 100k-row import about twice as slow (COPY, jsonb parsing, WAL);
 * the breakdown is filled in by the lead's next re-score (any change, activity or POST /leads/:id/score).
 *
 * The set-based half of an import, on the import transaction's connection: validated rows are
 * COPied into a temporary table, rows of the same lead are collapsed, matched against the tenant's
 * leads by email then phone, merged into the matches and inserted otherwise. Every statement is
 * filtered by the tenant; the table disappears with the transaction.
 */
export class LeadImportStaging {
  constructor(
    private readonly runner: QueryRunner,
    private readonly tenantId: string,
  ) {}

  async create(): Promise<void> {
    // Two imports of one tenant at once would race on the unique email/phone indexes: take turns.
    await this.runner.query(`SELECT pg_advisory_xact_lock(hashtext('leads-import'), hashtext($1))`, [this.tenantId]);
    await this.runner.query(`
      CREATE TEMP TABLE ${STAGING} (
        line integer PRIMARY KEY,
        grp integer NOT NULL,
        name text,
        fallback_name text,
        email text,
        phone text,
        company text,
        title text,
        industry text,
        company_size integer,
        annual_revenue numeric,
        budget numeric,
        website text,
        country text,
        source text,
        status text,
        tags text[] NOT NULL,
        notes text,
        custom_fields jsonb NOT NULL,
        score real NOT NULL,
        target_id uuid,
        collapsed boolean NOT NULL DEFAULT false
      ) ON COMMIT DROP`);
  }

  /** Streams COPY text (see LeadCsvReader.stagingChunks) into the table. */
  async load(chunks: AsyncIterable<string>): Promise<void> {
    // The pooled pg client under this transaction: COPY is not something TypeORM speaks.
    const client = (await this.runner.connect()) as PoolClient;
    const copy = client.query(copyFrom(`COPY ${STAGING} (${STAGING_COLUMNS.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from(chunks, { objectMode: false }), copy);
    // collapse() looks rows up by group and by target lead: without these it scans the table per group.
    await this.runner.query(`CREATE INDEX ON ${STAGING} (grp)`);
    await this.runner.query(`CREATE INDEX ON ${STAGING} (target_id)`);
    await this.runner.query(`ANALYZE ${STAGING}`);
  }

  /** Rows of the file that are one lead (same `grp`) become the group's first row with the merged values. */
  collapseFileDuplicates(): Promise<void> {
    return this.collapse('grp');
  }

  /** Points each row at the tenant's lead with the same email, else the same phone. */
  async matchExistingLeads(): Promise<void> {
    await this.runner.query(
      `UPDATE ${STAGING} s SET target_id = l.id FROM leads l
       WHERE l.tenant_id = $1 AND l.email IS NOT NULL AND s.email IS NOT NULL AND lower(l.email) = lower(s.email)`,
      [this.tenantId],
    );
    await this.runner.query(
      `UPDATE ${STAGING} s SET target_id = l.id FROM leads l
       WHERE s.target_id IS NULL AND l.tenant_id = $1 AND l.phone IS NOT NULL AND s.phone IS NOT NULL AND l.phone = s.phone`,
      [this.tenantId],
    );
    // One lead matched by two rows (one by email, another by phone) takes both, merged.
    await this.collapse('target_id');
  }

  /** New leads built from several rows: their score was computed from the first row only. */
  async collapsedNewLeads(): Promise<Array<{ line: number; lead: ImportedLead }>> {
    const rows = (await this.runner.query(
      `SELECT line, name, fallback_name, email, phone, company, title, industry, company_size, annual_revenue::text,
              budget::text, website, country, source, status, tags, notes, custom_fields
       FROM ${STAGING} WHERE collapsed AND target_id IS NULL`,
    )) as StagedRow[];
    return rows.map(({ line, annual_revenue, budget, ...rest }) => ({
      line,
      lead: { ...rest, annual_revenue: toNumber(annual_revenue), budget: toNumber(budget) },
    }));
  }

  async setScores(scores: Array<{ line: number; score: number }>): Promise<void> {
    const batch = 5000;
    for (let start = 0; start < scores.length; start += batch) {
      const part = scores.slice(start, start + batch);
      await this.runner.query(
        `UPDATE ${STAGING} s SET score = v.score
         FROM unnest($1::int[], $2::real[]) AS v(line, score) WHERE s.line = v.line`,
        [part.map((p) => p.line), part.map((p) => p.score)],
      );
    }
  }

  /**
   * Copies the file's values onto the matched leads: non-empty values replace, tags are added,
   * custom fields merged; status and score stay (an import never moves a lead back in its
   * lifecycle). An email or phone that another lead of the tenant holds is not copied: the row
   * matched lead A by email while its phone is lead B's, so A keeps its phone and B is untouched.
   */
  async mergeIntoExisting(campaignId: string | null): Promise<number> {
    const copied = MERGED_ONTO_EXISTING.map((column) => `${column} = coalesce(s.${column}, l.${column})`).join(',\n');
    await this.runner.query(
      `UPDATE leads l SET
         name = coalesce(s.name, l.name),
         email = CASE WHEN s.email IS NOT NULL AND lower(s.email) IS DISTINCT FROM lower(l.email) AND NOT EXISTS (
             SELECT 1 FROM leads o WHERE o.tenant_id = $1 AND o.email IS NOT NULL AND lower(o.email) = lower(s.email) AND o.id <> l.id
           ) THEN s.email ELSE l.email END,
         phone = CASE WHEN s.phone IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM leads o WHERE o.tenant_id = $1 AND o.phone IS NOT NULL AND o.phone = s.phone AND o.id <> l.id
           ) THEN s.phone ELSE l.phone END,
         ${copied},
         tags = ARRAY(SELECT t.tag FROM unnest(l.tags || s.tags) WITH ORDINALITY AS t(tag, i) GROUP BY t.tag ORDER BY min(t.i)),
         custom_fields = l.custom_fields || s.custom_fields,
         campaign_id = coalesce($2::uuid, l.campaign_id),
         updated_at = now()
       FROM ${STAGING} s
       WHERE s.target_id = l.id AND l.tenant_id = $1`,
      [this.tenantId, campaignId],
    );
    const [{ count }] = (await this.runner.query(
      `SELECT count(*)::int AS count FROM ${STAGING} WHERE target_id IS NOT NULL`,
    )) as Array<{ count: number }>;
    return count;
  }

  /** Inserts the rows that matched no lead; answers how many. */
  async insertNew(campaignId: string | null, defaultSource: string): Promise<number> {
    await this.runner.query(
      `INSERT INTO leads (tenant_id, name, email, phone, company, title, industry, company_size, annual_revenue, budget,
         website, country, source, status, score, score_breakdown, scored_at, campaign_id, tags, notes, custom_fields,
         converted_at)
       SELECT $1, coalesce(s.name, s.fallback_name), s.email, s.phone, s.company, s.title, s.industry, s.company_size,
         s.annual_revenue, s.budget, s.website, s.country, coalesce(s.source, $3), coalesce(s.status, 'new')::lead_status,
         s.score, NULL, now(), $2::uuid, s.tags, s.notes, s.custom_fields,
         CASE WHEN s.status = 'closed_won' THEN now() END
       FROM ${STAGING} s WHERE s.target_id IS NULL ORDER BY s.line`,
      [this.tenantId, campaignId, defaultSource],
    );
    const [{ count }] = (await this.runner.query(
      `SELECT count(*)::int AS count FROM ${STAGING} WHERE target_id IS NULL`,
    )) as Array<{ count: number }>;
    return count;
  }

  /**
   * Collapses rows sharing `key` into the earliest one: scalars take the last non-empty value in
   * file order, the derived name the first, tags are united and custom fields merged (later keys win).
   */
  private async collapse(key: 'grp' | 'target_id'): Promise<void> {
    const lastWins = LAST_WINS.map(
      (column) => `(array_agg(s.${column} ORDER BY s.line DESC) FILTER (WHERE s.${column} IS NOT NULL))[1] AS ${column}`,
    ).join(',\n');
    await this.runner.query(`
      WITH dup AS (
        SELECT ${key} AS k FROM ${STAGING} WHERE ${key} IS NOT NULL GROUP BY ${key} HAVING count(*) > 1
      ), agg AS (
        SELECT s.${key} AS k, min(s.line) AS keep,
          ${lastWins},
          (array_agg(s.fallback_name ORDER BY s.line) FILTER (WHERE s.fallback_name IS NOT NULL))[1] AS fallback_name
        FROM ${STAGING} s JOIN dup ON dup.k = s.${key}
        GROUP BY s.${key}
      ), kept AS (
        UPDATE ${STAGING} t SET
          ${LAST_WINS.map((column) => `${column} = agg.${column}`).join(', ')},
          fallback_name = agg.fallback_name,
          tags = ARRAY(
            SELECT u.tag FROM ${STAGING} s2, unnest(s2.tags) WITH ORDINALITY AS u(tag, i)
            WHERE s2.${key} = agg.k GROUP BY u.tag ORDER BY min(s2.line), min(u.i)),
          custom_fields = (
            SELECT coalesce(jsonb_object_agg(e.key, e.value ORDER BY s2.line), '{}'::jsonb)
            FROM ${STAGING} s2, jsonb_each(s2.custom_fields) AS e WHERE s2.${key} = agg.k),
          collapsed = true
        FROM agg WHERE t.line = agg.keep
        RETURNING t.line
      )
      DELETE FROM ${STAGING} d USING agg WHERE d.${key} = agg.k AND d.line <> agg.keep`);
  }
}
