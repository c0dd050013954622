import type { LeadFilterDto } from '@parley/contracts';
import { containsLikePattern } from '@parley/platform';

/** Quotes a value as an SQL string literal (pg's `client.escapeLiteral`). */
export type LiteralEscaper = (value: string) => string;

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The LeadDto fields, in LeadDto order, as SQL over `leads l`; `tags` is chosen per format. */
function exportColumns(tags: string): Array<[string, string]> {
  return [
    ['id', 'l.id'],
    ['name', 'l.name'],
    ['email', 'l.email'],
    ['phone', 'l.phone'],
    ['company', 'l.company'],
    ['title', 'l.title'],
    ['industry', 'l.industry'],
    ['company_size', 'l.company_size'],
    ['annual_revenue', 'l.annual_revenue::float8'],
    ['budget', 'l.budget::float8'],
    ['website', 'l.website'],
    ['country', 'l.country'],
    ['source', 'l.source'],
    ['status', 'l.status'],
    ['priority', 'l.priority'],
    // float4 → 3 decimals, as the scorer produced it and LeadDto shows it.
    ['score', 'round(l.score::numeric, 3)::float8'],
    ['score_breakdown', 'l.score_breakdown'],
    ['campaign_id', 'l.campaign_id'],
    ['assigned_to', 'l.assigned_to'],
    ['tags', tags],
    ['notes', 'l.notes'],
    ['custom_fields', 'l.custom_fields'],
    ['last_contacted_at', iso('l.last_contacted_at')],
    ['created_at', iso('l.created_at')],
    ['updated_at', iso('l.updated_at')],
  ];
}

/**
 * The tenant's leads matching the list filters, as the SELECT inside a `COPY (...) TO STDOUT`.
 * COPY takes no bind parameters, so every value is an escaped literal or a validated number.
 */
function filteredLeads(select: string, tenantId: string, filter: LeadFilterDto, literal: LiteralEscaper): string {
  const where = [`l.tenant_id = ${literal(tenantId)}::uuid`];
  if (filter.status) where.push(`l.status = ${literal(filter.status)}::lead_status`);
  if (filter.source) where.push(`l.source = ${literal(filter.source)}`);
  if (filter.assigned_to) where.push(`l.assigned_to = ${literal(filter.assigned_to)}::uuid`);
  if (filter.campaign_id) where.push(`l.campaign_id = ${literal(filter.campaign_id)}::uuid`);
  if (filter.min_score !== undefined && Number.isFinite(Number(filter.min_score))) {
    // As real, like the column (see the list query): a lead scored exactly 0.7 matches min_score 0.7.
    where.push(`l.score >= CAST(${Number(filter.min_score)} AS real)`);
  }
  const term = filter.search?.trim().toLowerCase();
  if (term) where.push(`l.search_text LIKE ${literal(containsLikePattern(term))} ESCAPE '\\'`);
  return `SELECT ${select} FROM leads l WHERE ${where.join(' AND ')} ORDER BY l.created_at DESC, l.id`;
}

/** CSV with a header line; tags joined by ";" (what the import splits on), JSON fields as JSON text. */
export function leadCsvExportSql(tenantId: string, filter: LeadFilterDto, literal: LiteralEscaper): string {
  const select = exportColumns(`array_to_string(l.tags, ';')`).map(([name, sql]) => `${sql} AS ${name}`).join(', ');
  return `COPY (${filteredLeads(select, tenantId, filter, literal)}) TO STDOUT WITH (FORMAT csv, HEADER)`;
}

/** One LeadDto JSON document per line (COPY text format; CopyJsonLinesToArray makes the array). */
export function leadJsonExportSql(tenantId: string, filter: LeadFilterDto, literal: LiteralEscaper): string {
  const pairs = exportColumns('to_jsonb(l.tags)').map(([name, sql]) => `'${name}', ${sql}`).join(', ');
  return `COPY (${filteredLeads(`json_build_object(${pairs})::text`, tenantId, filter, literal)}) TO STDOUT`;
}
