import { Injectable } from '@nestjs/common';
import {
  CAMPAIGN_STATUSES, pageOf, pageWindow,
  type CampaignDto, type CampaignLeadStats, type CampaignQueryDto, type CampaignStatsDto, type CampaignStatus,
  type CreateCampaignDto, type MessageDto, type Page, type RequestContext, type ScheduleCampaignDto,
  type UpdateCampaignRequest,
} from '@parley/contracts';
import { containsLikePattern, NotFoundException, TenantDb, ValidationException, type UnitOfWork } from '@parley/platform';
import type { EntityManager } from 'typeorm';
import { QueueUpdatePublisher } from '../queue/queue-update.publisher';
import { campaignMove, type CampaignCommand } from './campaign-lifecycle';
import { CampaignScheduler } from './campaign-scheduler';
import { CampaignEntity } from './campaign.entity';
import { toCampaignDto } from './campaign.mapper';

/** Funnel stages a lead has reached, by its status. */
const CONTACTED = `('contacted', 'qualified', 'proposal', 'closed_won', 'closed_lost')`;
const QUALIFIED = `('qualified', 'proposal', 'closed_won')`;

/** Campaigns: CRUD, the leads in them, their funnel numbers and their lifecycle. */
@Injectable()
export class CampaignService {
  constructor(
    private readonly db: TenantDb,
    private readonly scheduler: CampaignScheduler,
    private readonly queueUpdates: QueueUpdatePublisher,
  ) {}

  private async leadCounts(manager: EntityManager, tenantId: string, ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ campaign_id: string; count: number }> = await manager.query(
      `SELECT campaign_id, count(*)::int AS count FROM leads WHERE tenant_id = $1 AND campaign_id = ANY($2::uuid[])
       GROUP BY campaign_id`,
      [tenantId, ids],
    );
    return new Map(rows.map((r) => [r.campaign_id, r.count]));
  }

  private async dtoOf(manager: EntityManager, campaign: CampaignEntity): Promise<CampaignDto> {
    const counts = await this.leadCounts(manager, campaign.tenantId, [campaign.id]);
    return toCampaignDto(campaign, counts.get(campaign.id) ?? 0);
  }

  /**
   * Moves the tenant's listed leads into the campaign. Any id that is not a lead of this tenant
   * is a 404 and nothing moves (the transaction rolls back): other tenants' ids do not leak.
   */
  private async addLeads(uow: UnitOfWork, campaignId: string, leadIds: string[]): Promise<void> {
    const ids = [...new Set(leadIds)];
    if (ids.length === 0) return;
    const tenantId = uow.repo(CampaignEntity).tenantId;
    const moved: Array<{ id: string }> = (await uow.manager.query(
      `UPDATE leads SET campaign_id = $1, updated_at = now() WHERE tenant_id = $2 AND id = ANY($3::uuid[]) RETURNING id`,
      [campaignId, tenantId, ids],
    ) as [Array<{ id: string }>, number])[0];
    if (moved.length < ids.length) {
      const found = new Set(moved.map((r) => r.id));
      throw new NotFoundException('lead', ids.find((id) => !found.has(id)));
    }
  }

  async create(dto: CreateCampaignDto, ctx: RequestContext): Promise<CampaignDto> {
    const result = await this.db.transaction(ctx, async (uow) => {
      const campaign = await uow.repo(CampaignEntity).insert({
        name: dto.name, description: dto.description ?? null, type: dto.type ?? 'outbound_call',
        aiAgentId: dto.ai_agent_id ?? null, settings: dto.settings ?? {},
      });
      await this.addLeads(uow, campaign.id, dto.lead_ids ?? []);
      return this.dtoOf(uow.manager, campaign);
    });
    // Leads in a campaign that is not running leave the queue.
    if (result.lead_count > 0) this.queueUpdates.touch(this.db.repo(ctx, CampaignEntity).tenantId);
    return result;
  }

  async list(query: CampaignQueryDto, ctx: RequestContext): Promise<Page<CampaignDto>> {
    const repo = this.db.repo(ctx, CampaignEntity);
    const qb = repo.query('c');
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.search) {
      qb.andWhere('c.name ILIKE :pattern', { pattern: containsLikePattern(query.search) });
    }
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.orderBy('c.createdAt', 'DESC').addOrderBy('c.id').skip(skip).take(take).getManyAndCount();
    const counts = await this.leadCounts(this.db.dataSource.manager, repo.tenantId, rows.map((r) => r.id));
    return pageOf(rows.map((r) => toCampaignDto(r, counts.get(r.id) ?? 0)), total, query);
  }

  async get(id: string, ctx: RequestContext): Promise<CampaignDto> {
    const campaign = await this.db.repo(ctx, CampaignEntity).get({ id });
    return this.dtoOf(this.db.dataSource.manager, campaign);
  }

  /** Changes the fields given; `lead_ids` adds those leads to the campaign (others stay in it). */
  async update(dto: UpdateCampaignRequest, ctx: RequestContext): Promise<CampaignDto> {
    const result = await this.db.transaction(ctx, async (uow) => {
      const campaigns = uow.repo(CampaignEntity);
      const campaign = await campaigns.get({ id: dto.id });
      if (dto.name !== undefined) campaign.name = dto.name;
      if (dto.description !== undefined) campaign.description = dto.description ?? null;
      if (dto.type !== undefined) campaign.type = dto.type;
      if (dto.ai_agent_id !== undefined) campaign.aiAgentId = dto.ai_agent_id ?? null;
      if (dto.settings !== undefined) campaign.settings = dto.settings;
      const saved = await campaigns.save(campaign);
      await this.addLeads(uow, saved.id, dto.lead_ids ?? []);
      return this.dtoOf(uow.manager, saved);
    });
    if ((dto.lead_ids ?? []).length > 0) this.queueUpdates.touch(this.db.repo(ctx, CampaignEntity).tenantId);
    return result;
  }

  /** Deletes the campaign; its leads stay, out of any campaign (the foreign key sets null). */
  async remove(id: string, ctx: RequestContext): Promise<MessageDto> {
    const deleted = await this.db.repo(ctx, CampaignEntity).delete({ id });
    if (deleted === 0) throw new NotFoundException('campaign');
    this.queueUpdates.touch(this.db.repo(ctx, CampaignEntity).tenantId);
    return { message: 'campaign deleted' };
  }

  async stats(ctx: RequestContext): Promise<CampaignStatsDto> {
    const tenantId = this.db.repo(ctx, CampaignEntity).tenantId;
    const rows: Array<Omit<CampaignLeadStats, 'conversion_rate'>> = await this.db.dataSource.query(
      `SELECT c.id AS campaign_id, c.name, c.status,
         count(l.id)::int AS leads,
         count(l.id) FILTER (WHERE l.status IN ${CONTACTED})::int AS contacted,
         count(l.id) FILTER (WHERE l.status IN ${QUALIFIED})::int AS qualified,
         count(l.id) FILTER (WHERE l.status = 'closed_won')::int AS converted
       FROM campaigns c LEFT JOIN leads l ON l.campaign_id = c.id AND l.tenant_id = c.tenant_id
       WHERE c.tenant_id = $1
       GROUP BY c.id ORDER BY c.created_at DESC, c.id`,
      [tenantId],
    );
    const byStatus = Object.fromEntries(CAMPAIGN_STATUSES.map((s) => [s, 0])) as Record<CampaignStatus, number>;
    for (const row of rows) byStatus[row.status] += 1;
    return {
      total: rows.length,
      by_status: byStatus,
      campaigns: rows.map((r) => ({
        ...r,
        conversion_rate: r.leads === 0 ? 0 : Math.round((r.converted / r.leads) * 10_000) / 10_000,
      })),
    };
  }

  /** Locks the campaign and checks the move; a move the lifecycle does not allow is a 422. */
  private async move(uow: UnitOfWork, id: string, command: CampaignCommand): Promise<CampaignEntity> {
    const campaign = await uow.repo(CampaignEntity).query('c').andWhere('c.id = :id', { id }).setLock('pessimistic_write').getOne();
    if (!campaign) throw new NotFoundException('campaign');
    const move = campaignMove(campaign.status, command);
    if (!move.ok) {
      throw new ValidationException(move.message, { fields: { status: [move.message] }, status: campaign.status, allowed_from: move.allowed_from });
    }
    campaign.status = move.to;
    return campaign;
  }

  async start(id: string, ctx: RequestContext): Promise<CampaignDto> {
    return this.db.transaction(ctx, async (uow) => {
      const campaign = await this.move(uow, id, 'start');
      campaign.startedAt = new Date();
      const saved = await uow.repo(CampaignEntity).save(campaign);
      await uow.emit('campaign.started', { campaign_id: saved.id, name: saved.name, scheduled: false });
      return this.dtoOf(uow.manager, saved);
    });
  }

  async pause(id: string, ctx: RequestContext): Promise<CampaignDto> {
    return this.db.transaction(ctx, async (uow) => {
      const campaign = await this.move(uow, id, 'pause');
      campaign.pausedAt = new Date();
      const saved = await uow.repo(CampaignEntity).save(campaign);
      await uow.emit('campaign.paused', { campaign_id: saved.id, name: saved.name });
      return this.dtoOf(uow.manager, saved);
    });
  }

  /** Schedules (or reschedules) the start; a time already past starts it on the scheduler's next pass, at once. */
  async schedule(dto: ScheduleCampaignDto, ctx: RequestContext): Promise<CampaignDto> {
    const scheduledAt = new Date(dto.scheduled_at);
    const result = await this.db.transaction(ctx, async (uow) => {
      const campaign = await this.move(uow, dto.campaign_id, 'schedule');
      campaign.scheduledAt = scheduledAt;
      const saved = await uow.repo(CampaignEntity).save(campaign);
      await uow.emit('campaign.scheduled', {
        campaign_id: saved.id, name: saved.name, scheduled_at: scheduledAt.toISOString(), status: saved.status,
      });
      return this.dtoOf(uow.manager, saved);
    });
    if (scheduledAt.getTime() <= Date.now()) this.scheduler.nudge();
    return result;
  }
}
