import { Injectable } from '@nestjs/common';
import {
  LEAD_PRIORITIES, LEAD_STATUSES,
  type CountByKey, type LeadOverviewDto, type LeadOverviewQueryDto, type LeadPriority, type LeadStatsDto, type LeadStatus,
  type RequestContext,
} from '@parley/contracts';
import { TenantDb, type UnitOfWork } from '@parley/platform';
import { LeadEntity } from './lead.entity';

const DAY_MS = 86_400_000;
const DEFAULT_OVERVIEW_DAYS = 30;
const round3 = (value: number) => Math.round(value * 1000) / 1000;
const ratio = (part: number, whole: number) => (whole > 0 ? round3(part / whole) : 0);

interface StatusPriorityRow {
  status: LeadStatus;
  priority: LeadPriority;
  count: number;
  assigned: number;
  created_today: number;
  score_sum: number;
}

interface OverviewTotalsRow {
  total: number;
  new_leads: number;
  converted: number;
  cohort_won: number;
  average_score: number | null;
}

interface GroupRow {
  source: string | null;
  status: string | null;
  industry: string | null;
  by_source: number;
  by_status: number;
  count: number;
}

/** Counts over a tenant's leads (raw SQL, filtered by the unit of work's tenant): `GET /leads/stats` and the overview. */
@Injectable()
export class LeadAnalyticsService {
  constructor(private readonly db: TenantDb) {}

  /** conversion_rate here is closed_won over all leads the tenant has. */
  async stats(ctx: RequestContext): Promise<LeadStatsDto> {
    return this.db.transaction(ctx, (uow) => this.statsIn(uow));
  }

  private async statsIn(uow: UnitOfWork): Promise<LeadStatsDto> {
    const tenantId = uow.repo(LeadEntity).tenantId;
    const rows: StatusPriorityRow[] = await uow.manager.query(
      `SELECT status, priority, count(*)::int AS count, count(assigned_to)::int AS assigned,
              count(*) FILTER (WHERE created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')::int AS created_today,
              coalesce(sum(score), 0)::float8 AS score_sum
         FROM leads WHERE tenant_id = $1
        GROUP BY status, priority`,
      [tenantId],
    );
    const byStatus = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>;
    const byPriority = Object.fromEntries(LEAD_PRIORITIES.map((p) => [p, 0])) as Record<LeadPriority, number>;
    let total = 0;
    let assigned = 0;
    let createdToday = 0;
    let scoreSum = 0;
    for (const row of rows) {
      byStatus[row.status] += row.count;
      byPriority[row.priority] += row.count;
      total += row.count;
      assigned += row.assigned;
      createdToday += row.created_today;
      scoreSum += row.score_sum;
    }
    return {
      total,
      by_status: byStatus,
      by_priority: byPriority,
      average_score: total > 0 ? round3(scoreSum / total) : 0,
      assigned,
      unassigned: total - assigned,
      created_today: createdToday,
      conversion_rate: ratio(byStatus.closed_won, total),
    };
  }

  /**
   * The last `days` UTC days, today included. `converted` counts leads that became closed_won in the
   * window; conversion_rate is the cohort rate (leads created in the window that are now closed_won,
   * over leads created in the window), so it stays within 0..1. Breakdowns cover leads created in the window.
   */
  async overview(query: LeadOverviewQueryDto, ctx: RequestContext): Promise<LeadOverviewDto> {
    return this.db.transaction(ctx, (uow) => this.overviewIn(uow, query));
  }

  private async overviewIn(uow: UnitOfWork, query: LeadOverviewQueryDto): Promise<LeadOverviewDto> {
    const tenantId = uow.repo(LeadEntity).tenantId;
    const manager = uow.manager;
    const days = query.days ?? DEFAULT_OVERVIEW_DAYS;
    const now = new Date();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const since = new Date(today - (days - 1) * DAY_MS);

    const [totals]: OverviewTotalsRow[] = await manager.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE created_at >= $2)::int AS new_leads,
              count(*) FILTER (WHERE converted_at >= $2)::int AS converted,
              count(*) FILTER (WHERE created_at >= $2 AND status = 'closed_won')::int AS cohort_won,
              avg(score) FILTER (WHERE created_at >= $2)::float8 AS average_score
         FROM leads WHERE tenant_id = $1`,
      [tenantId, since],
    );
    const groups: GroupRow[] = await manager.query(
      `SELECT source, status::text AS status, coalesce(industry, 'unknown') AS industry,
              GROUPING(source)::int AS by_source, GROUPING(status)::int AS by_status, count(*)::int AS count
         FROM leads WHERE tenant_id = $1 AND created_at >= $2
        GROUP BY GROUPING SETS ((source), (status), (coalesce(industry, 'unknown')))
        ORDER BY count DESC, 1, 2, 3`,
      [tenantId, since],
    );
    const daily: LeadOverviewDto['daily'] = await manager.query(
      `WITH days AS (SELECT generate_series($2::date, $3::date, interval '1 day')::date AS day),
            created AS (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS n
                          FROM leads WHERE tenant_id = $1 AND created_at >= $2 GROUP BY 1),
            converted AS (SELECT (converted_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS n
                            FROM leads WHERE tenant_id = $1 AND converted_at >= $2 GROUP BY 1)
       SELECT to_char(days.day, 'YYYY-MM-DD') AS date, coalesce(created.n, 0) AS created, coalesce(converted.n, 0) AS converted
         FROM days LEFT JOIN created USING (day) LEFT JOIN converted USING (day)
        ORDER BY days.day`,
      [tenantId, since, new Date(today)],
    );

    const bySource: CountByKey[] = [];
    const byStatus: CountByKey[] = [];
    const byIndustry: CountByKey[] = [];
    for (const row of groups) {
      // GROUPING(col) is 0 for the set grouped by that column.
      if (row.by_source === 0) bySource.push({ key: row.source ?? 'unknown', count: row.count });
      else if (row.by_status === 0) byStatus.push({ key: row.status ?? 'unknown', count: row.count });
      else byIndustry.push({ key: row.industry ?? 'unknown', count: row.count });
    }
    return {
      days,
      since: since.toISOString(),
      total_leads: totals.total,
      new_leads: totals.new_leads,
      converted: totals.converted,
      conversion_rate: ratio(totals.cohort_won, totals.new_leads),
      average_score: round3(totals.average_score ?? 0),
      by_source: bySource,
      by_status: byStatus,
      by_industry: byIndustry,
      daily,
    };
  }
}
