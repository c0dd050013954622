import { Injectable } from '@nestjs/common';
import {
  type ActivityType, type ByIdDto, type LeadDto, type LeadScoreDto, type LeadsEvents, type RankedLeadsQueryDto,
  type RequestContext, type ScoredLeadDto, type ScoreLeadsDto, type ScoreLeadsResultDto, type ScoreWeights,
} from '@parley/contracts';
import { NotFoundException, TenantDb, type UnitOfWork } from '@parley/platform';
import { LeadEntity } from '../lead/lead.entity';
import { storedScore, toLeadDto } from '../lead/lead.mapper';
import { LeadSettingsService } from '../settings/lead-settings.service';
import { emptyEngagement, LEAD_INTERACTIONS, LeadScorer, priorityOf, type LeadFacts } from './lead-scorer';

export type RescoreReason = LeadsEvents['lead.score_changed']['reason'];
type Engagement = Pick<LeadFacts, 'activities' | 'calls'>;

const CALL_ACTIVITIES: readonly ActivityType[] = ['call_made', 'call_answered', 'call_missed', 'voicemail_left'];
/** Leads that are done with: not worth ranking for outreach. */
const CLOSED_STATUSES = ['closed_won', 'closed_lost', 'do_not_contact'];
const RESCORE_BATCH = 1000;
const DEFAULT_RANKED_LIMIT = 10;

interface ActivityCountRow {
  lead_id: string;
  type: ActivityType;
  count: number;
  last_at: Date;
  duration_s: number;
}

interface LastCallRow {
  lead_id: string;
  sentiment: number | null;
  outcome: string | null;
}

/** The scorer's view of a lead's own fields. */
export function leadFactsOf(lead: LeadEntity, now = new Date()): LeadFacts['lead'] {
  return {
    email: lead.email ?? null,
    phone: lead.phone ?? null,
    company: lead.company ?? null,
    title: lead.title ?? null,
    industry: lead.industry ?? null,
    company_size: lead.companySize ?? null,
    annual_revenue: lead.annualRevenue ?? null,
    budget: lead.budget ?? null,
    website: lead.website ?? null,
    country: lead.country ?? null,
    source: lead.source,
    status: lead.status,
    tags: lead.tags ?? [],
    created_at: lead.createdAt ?? now,
  };
}

/**
 * Loads what scoring needs (activity counts and the last call, batched over many leads), scores,
 * persists the breakdown and emits `lead.score_changed` when the rounded score moved.
 */
@Injectable()
export class LeadScoringService {
  constructor(
    private readonly db: TenantDb,
    private readonly scorer: LeadScorer,
    private readonly settings: LeadSettingsService,
  ) {}

  /** Engagement facts of many leads: one GROUP BY over their activities plus one for their last calls. */
  async engagementOf(uow: UnitOfWork, leadIds: string[]): Promise<Map<string, Engagement>> {
    const tenantId = uow.repo(LeadEntity).tenantId;
    const result = new Map<string, Engagement>(leadIds.map((id) => [id, emptyEngagement()]));
    if (leadIds.length === 0) return result;
    const counts: ActivityCountRow[] = await uow.manager.query(
      `SELECT lead_id, type, count(*)::int AS count, max(occurred_at) AS last_at,
              coalesce(sum(CASE WHEN jsonb_typeof(metadata->'duration_seconds') = 'number'
                                THEN (metadata->>'duration_seconds')::float8 END), 0)::float8 AS duration_s
         FROM lead_activities
        WHERE tenant_id = $1 AND lead_id = ANY($2::uuid[])
        GROUP BY lead_id, type`,
      [tenantId, leadIds],
    );
    for (const row of counts) {
      const facts = result.get(row.lead_id);
      if (!facts) continue;
      facts.activities.counts[row.type] = row.count;
      if (LEAD_INTERACTIONS.includes(row.type)) {
        const last = facts.activities.last_activity_at;
        if (!last || row.last_at > last) facts.activities.last_activity_at = row.last_at;
      }
      if (CALL_ACTIVITIES.includes(row.type)) {
        facts.calls.total += row.count;
        facts.calls.total_duration_s += row.duration_s;
        if (row.type === 'call_answered') facts.calls.answered += row.count;
      }
    }
    const lastCalls: LastCallRow[] = await uow.manager.query(
      `SELECT DISTINCT ON (lead_id) lead_id,
              CASE WHEN jsonb_typeof(metadata->'sentiment') = 'number' THEN (metadata->>'sentiment')::float8 END AS sentiment,
              CASE WHEN jsonb_typeof(metadata->'outcome') = 'string' THEN metadata->>'outcome' END AS outcome
         FROM lead_activities
        WHERE tenant_id = $1 AND lead_id = ANY($2::uuid[]) AND type = ANY($3::text[])
          AND (metadata->'sentiment' IS NOT NULL OR metadata->'outcome' IS NOT NULL)
        ORDER BY lead_id, occurred_at DESC, created_at DESC`,
      [tenantId, leadIds, CALL_ACTIVITIES],
    );
    for (const row of lastCalls) {
      const facts = result.get(row.lead_id);
      if (!facts) continue;
      facts.calls.last_sentiment = row.sentiment;
      facts.calls.last_outcome = row.outcome;
    }
    return result;
  }

  /** The score of a lead that is about to be inserted (it has no activities yet). */
  async scoreNew(uow: UnitOfWork, lead: LeadEntity): Promise<LeadScoreDto> {
    const now = new Date();
    const weights = await this.settings.weightsIn(uow);
    return this.scorer.score({ lead: leadFactsOf(lead, now), ...emptyEngagement() }, weights, now);
  }

  /** Re-scores one lead inside `uow`; the entity is updated in place. */
  async rescore(uow: UnitOfWork, lead: LeadEntity, reason: RescoreReason): Promise<LeadScoreDto> {
    const [score] = await this.rescoreMany(uow, [lead], reason);
    return score;
  }

  /** Re-scores leads of the unit of work's tenant: one batched UPDATE, one event per moved score. */
  async rescoreMany(uow: UnitOfWork, leads: LeadEntity[], reason: RescoreReason, weights?: ScoreWeights): Promise<LeadScoreDto[]> {
    if (leads.length === 0) return [];
    const now = new Date();
    const used = weights ?? (await this.settings.weightsIn(uow));
    const engagement = await this.engagementOf(uow, leads.map((lead) => lead.id));
    const scores = leads.map((lead) =>
      this.scorer.score({ lead: leadFactsOf(lead, now), ...(engagement.get(lead.id) ?? emptyEngagement()) }, used, now));

    await uow.manager.query(
      `UPDATE leads AS l SET score = v.score, score_breakdown = v.breakdown, scored_at = $3
         FROM jsonb_to_recordset($2::jsonb) AS v(id uuid, score real, breakdown jsonb)
        WHERE l.tenant_id = $1 AND l.id = v.id`,
      [
        uow.repo(LeadEntity).tenantId,
        JSON.stringify(leads.map((lead, i) => ({ id: lead.id, score: scores[i].overall_score, breakdown: scores[i] }))),
        now,
      ],
    );
    for (const [i, lead] of leads.entries()) {
      const score = scores[i];
      const previous = storedScore(lead.score ?? 0);
      lead.score = score.overall_score;
      lead.scoreBreakdown = score;
      lead.scoredAt = now;
      if (previous === score.overall_score) continue;
      await uow.emit('lead.score_changed', {
        lead_id: lead.id,
        previous_score: previous,
        score: score.overall_score,
        priority: priorityOf(score.overall_score),
        conversion_probability: score.conversion_probability,
        reason,
      });
    }
    return scores;
  }

  /** `POST /leads/:id/score`. */
  async scoreLead(dto: ByIdDto, ctx: RequestContext): Promise<ScoredLeadDto> {
    return this.db.transaction(ctx, async (uow) => {
      const [lead] = await this.lockLeads(uow, [dto.id]);
      const score = await this.rescore(uow, lead, 'rescore');
      return { lead_id: lead.id, ...score };
    });
  }

  /** `POST /automation/leads/score`: the named leads, or the whole tenant in keyset batches. */
  async scoreLeads(dto: ScoreLeadsDto, ctx: RequestContext): Promise<ScoreLeadsResultDto> {
    if (dto.lead_ids) {
      const ids = [...new Set(dto.lead_ids)];
      return this.db.transaction(ctx, async (uow) => {
        const leads = await this.lockLeads(uow, ids);
        const scores = await this.rescoreMany(uow, leads, 'rescore');
        return { scored: leads.length, results: leads.map((lead, i) => ({ lead_id: lead.id, ...scores[i] })) };
      });
    }
    const weights = await this.db.transaction(ctx, (uow) => this.settings.weightsIn(uow));
    let scored = 0;
    let after: string | null = null;
    // One transaction per batch: a tenant with 100k leads never holds 100k row locks at once.
    for (;;) {
      const batch: LeadEntity[] = await this.db.transaction(ctx, async (uow) => {
        const query = uow.repo(LeadEntity).query('l').orderBy('l.id', 'ASC').limit(RESCORE_BATCH).setLock('pessimistic_write');
        if (after) query.andWhere('l.id > :after', { after });
        const leads = await query.getMany();
        await this.rescoreMany(uow, leads, 'rescore', weights);
        return leads;
      });
      scored += batch.length;
      if (batch.length < RESCORE_BATCH) break;
      after = batch[batch.length - 1].id;
    }
    return { scored, results: [] };
  }

  /** `GET /automation/leads/ranked`: open leads, best first. */
  async ranked(query: RankedLeadsQueryDto, ctx: RequestContext): Promise<LeadDto[]> {
    const leads = await this.db
      .repo(ctx, LeadEntity)
      .query('l')
      .andWhere('l.status NOT IN (:...closed)', { closed: CLOSED_STATUSES })
      .orderBy('l.score', 'DESC')
      .addOrderBy('l.createdAt', 'ASC')
      .limit(query.limit ?? DEFAULT_RANKED_LIMIT)
      .getMany();
    return leads.map(toLeadDto);
  }

  /** The named leads, locked for the rescore, in the order asked; any unknown id is a 404. */
  private async lockLeads(uow: UnitOfWork, ids: string[]): Promise<LeadEntity[]> {
    const leads = await uow.repo(LeadEntity).query('l').andWhere('l.id IN (:...ids)', { ids }).setLock('pessimistic_write').getMany();
    const byId = new Map(leads.map((lead) => [lead.id, lead]));
    return ids.map((id) => {
      const lead = byId.get(id);
      if (!lead) throw new NotFoundException('lead', id);
      return lead;
    });
  }
}
