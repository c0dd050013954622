import { Inject, Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  pageOf, pageWindow,
  type CreateLeadDto, type LeadDto, type LeadQueryDto, type MessageDto, type Page, type PatchLeadRequest,
  type ReplaceLeadRequest, type RequestContext,
} from '@parley/contracts';
import {
  ConflictException, containsLikePattern, isUniqueViolation, NotFoundException, TenantDb, type UnitOfWork,
} from '@parley/platform';
import { CampaignEntity } from '../campaign/campaign.entity';
import { LEADS_CONFIG, type LeadsConfig } from '../leads.config';
import { LeadScoringService } from '../scoring/lead-scoring.service';
import { priorityOf } from '../scoring/lead-scorer';
import {
  changedFields, LEAD_FIELD_COLUMNS, normaliseLeadFields, replacementValues, type LeadField, type LeadValues,
} from './lead-fields';
import { assertTransition } from './lead-lifecycle';
import { LeadEntity } from './lead.entity';
import { toLeadDto } from './lead.mapper';

const SORT_COLUMNS = { created_at: 'createdAt', updated_at: 'updatedAt', score: 'score', name: 'name' } as const;

/** Leads: CRUD, list and search. Every write re-scores the lead in the same transaction. */
@Injectable()
export class LeadService {
  constructor(
    private readonly db: TenantDb,
    private readonly scoring: LeadScoringService,
    @Inject(LEADS_CONFIG) private readonly config: LeadsConfig,
  ) {}

  async list(query: LeadQueryDto, ctx: RequestContext): Promise<Page<LeadDto>> {
    const qb = this.db.repo(ctx, LeadEntity).query('l');
    if (query.status) qb.andWhere('l.status = :status', { status: query.status });
    if (query.source) qb.andWhere('l.source = :source', { source: query.source });
    if (query.assigned_to) qb.andWhere('l.assignedTo = :assignedTo', { assignedTo: query.assigned_to });
    if (query.campaign_id) qb.andWhere('l.campaignId = :campaignId', { campaignId: query.campaign_id });
    // As real, like the column: 0.7::real < 0.7::numeric would drop leads scored exactly 0.7.
    if (query.min_score !== undefined) qb.andWhere('l.score >= CAST(:minScore AS real)', { minScore: query.min_score });
    const term = query.search?.trim().toLowerCase();
    // search_text is lower(name email company), trigram-indexed: a plain LIKE on it uses the index.
    if (term) qb.andWhere(`l.search_text LIKE :pattern ESCAPE '\\'`, { pattern: containsLikePattern(term) });
    const order = query.sort_order === 'asc' ? 'ASC' : 'DESC';
    qb.orderBy(`l.${SORT_COLUMNS[query.sort_by ?? 'created_at']}`, order).addOrderBy('l.id', order);
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.offset(skip).limit(take).getManyAndCount();
    return pageOf(rows.map(toLeadDto), total, query);
  }

  async get(id: string, ctx: RequestContext): Promise<LeadDto> {
    return toLeadDto(await this.db.repo(ctx, LeadEntity).get({ id }));
  }

  async create(dto: CreateLeadDto, ctx: RequestContext): Promise<LeadDto> {
    const values = normaliseLeadFields(dto, this.config.DEFAULT_PHONE_REGION);
    return this.db.transaction(ctx, async (uow) => {
      const leads = uow.repo(LeadEntity);
      await this.assertUnique(uow, values);
      await this.assertCampaign(uow, values.campaign_id);
      const draft = uow.manager.create(LeadEntity, { ...this.columnsOf(values), tenantId: leads.tenantId });
      if (draft.status === 'closed_won') draft.convertedAt = new Date();
      const score = await this.scoring.scoreNew(uow, draft);
      const lead = await this.writing(() =>
        leads.insert({ ...draft, score: score.overall_score, scoreBreakdown: score, scoredAt: new Date(score.scored_at) }));
      await uow.emit('lead.created', {
        lead_id: lead.id, name: lead.name, source: lead.source, status: lead.status, priority: priorityOf(lead.score),
        score: lead.score, campaign_id: lead.campaignId, assigned_to: lead.assignedTo,
      });
      if (lead.assignedTo) {
        await uow.emit('lead.assigned', {
          lead_id: lead.id, agent_id: lead.assignedTo, team: lead.assignedTeam ?? null, routing_rule_id: null, via: 'manual',
        });
      }
      return toLeadDto(lead);
    });
  }

  /** PUT: every field replaced; the ones left out become null or their default. */
  async replace(dto: ReplaceLeadRequest, ctx: RequestContext): Promise<LeadDto> {
    const { id, ...fields } = dto;
    const given = normaliseLeadFields(fields, this.config.DEFAULT_PHONE_REGION);
    return this.db.transaction(ctx, async (uow) => {
      const lead = await this.lockLead(uow, id);
      return this.applyChanges(uow, lead, replacementValues(given, lead));
    });
  }

  /** PATCH: only the fields named. */
  async patch(dto: PatchLeadRequest, ctx: RequestContext): Promise<LeadDto> {
    const { id, ...fields } = dto;
    const given = normaliseLeadFields(fields, this.config.DEFAULT_PHONE_REGION);
    return this.db.transaction(ctx, async (uow) => {
      const lead = await this.lockLead(uow, id);
      return this.applyChanges(uow, lead, given);
    });
  }

  async delete(id: string, ctx: RequestContext): Promise<MessageDto> {
    return this.db.transaction(ctx, async (uow) => {
      const deleted = await uow.repo(LeadEntity).delete({ id });
      if (deleted === 0) throw new NotFoundException('lead');
      await uow.emit('lead.deleted', { lead_id: id });
      return { message: 'lead deleted' };
    });
  }

  /** The tenant's lead, row-locked until the unit of work ends (writes to one lead serialise). */
  findForUpdate(uow: UnitOfWork, id: string): Promise<LeadEntity | null> {
    return uow.repo(LeadEntity).query('l').andWhere('l.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async lockLead(uow: UnitOfWork, id: string): Promise<LeadEntity> {
    const lead = await this.findForUpdate(uow, id);
    if (!lead) throw new NotFoundException('lead');
    return lead;
  }

  /** Writes what changed, emits lead.updated (and lead.assigned), re-scores; nothing changed = no write. */
  private async applyChanges(uow: UnitOfWork, lead: LeadEntity, values: Partial<LeadValues>): Promise<LeadDto> {
    const changes = changedFields(lead, values);
    if (changes.length === 0) return toLeadDto(lead);
    const previousStatus = lead.status;
    if (changes.includes('status') && values.status) assertTransition(previousStatus, values.status);
    const changed = Object.fromEntries(changes.map((field) => [field, values[field]])) as Partial<LeadValues>;
    await this.assertUnique(uow, changed, lead.id);
    if (changes.includes('campaign_id')) await this.assertCampaign(uow, changed.campaign_id);

    const now = new Date();
    const patch = { ...this.columnsOf(changed), updatedAt: now } as QueryDeepPartialEntity<LeadEntity>;
    if (changes.includes('status') && values.status === 'closed_won') patch.convertedAt = now;
    await this.writing(() => uow.repo(LeadEntity).update({ id: lead.id }, patch));
    Object.assign(lead, patch);

    const statusChanged = changes.includes('status');
    await uow.emit('lead.updated', {
      lead_id: lead.id, changes, status: lead.status, previous_status: statusChanged ? previousStatus : null,
    });
    if (changes.includes('assigned_to')) {
      await uow.emit('lead.assigned', {
        lead_id: lead.id, agent_id: lead.assignedTo, team: lead.assignedTeam, routing_rule_id: null, via: 'manual',
      });
    }
    await this.scoring.rescore(uow, lead, 'lead_changed');
    return toLeadDto(lead);
  }

  private columnsOf(values: Partial<LeadValues>): Partial<LeadEntity> {
    const columns: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(values)) {
      if (value !== undefined) columns[LEAD_FIELD_COLUMNS[field as LeadField]] = value;
    }
    return columns as Partial<LeadEntity>;
  }

  /** Email and phone are unique per tenant: a duplicate answers 409 naming the lead that has it. */
  private async assertUnique(uow: UnitOfWork, values: Partial<LeadValues>, exceptId?: string): Promise<void> {
    const checks: Array<['email' | 'phone', string]> = [];
    if (values.email) checks.push(['email', values.email]);
    if (values.phone) checks.push(['phone', values.phone]);
    for (const [field, value] of checks) {
      const qb = uow.repo(LeadEntity).query('l').select('l.id');
      if (field === 'email') qb.andWhere('lower(l.email) = :value', { value: value.toLowerCase() });
      else qb.andWhere('l.phone = :value', { value });
      if (exceptId) qb.andWhere('l.id <> :exceptId', { exceptId });
      const existing = await qb.getOne();
      if (existing) {
        throw new ConflictException(`a lead with this ${field} already exists`, { field, existing_lead_id: existing.id });
      }
    }
  }

  /** A campaign of another tenant is not found, like any other id. */
  private async assertCampaign(uow: UnitOfWork, campaignId: string | null | undefined): Promise<void> {
    if (!campaignId) return;
    if ((await uow.repo(CampaignEntity).count({ id: campaignId })) === 0) throw new NotFoundException('campaign');
  }

  /** A concurrent write that took the same email or phone first still answers 409. */
  private async writing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'leads_tenant_email_key')) {
        throw new ConflictException('a lead with this email already exists', { field: 'email' });
      }
      if (isUniqueViolation(error, 'leads_tenant_phone_key')) {
        throw new ConflictException('a lead with this phone already exists', { field: 'phone' });
      }
      throw error;
    }
  }
}
