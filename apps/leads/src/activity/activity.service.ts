import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  pageOf, pageWindow,
  type ActivityCreatedDto, type ActivityDto, type ActivityType, type CreateActivityRequest, type ListActivitiesRequest,
  type Page, type RequestContext,
} from '@parley/contracts';
import { TenantDb, type UnitOfWork } from '@parley/platform';
import { LeadEntity } from '../lead/lead.entity';
import { storedScore } from '../lead/lead.mapper';
import { LeadService } from '../lead/lead.service';
import { LeadScoringService, type RescoreReason } from '../scoring/lead-scoring.service';
import { activityEffect } from './activity-effects';
import { toActivityDto } from './activity.mapper';
import { LeadActivityEntity } from './lead-activity.entity';

export interface NewActivity {
  type: ActivityType;
  description: string | null;
  metadata: Record<string, unknown>;
  actorId: string | null;
  occurredAt: Date;
}

/** A lead's timeline. Recording an activity updates the lead (contact, status) and re-scores it. */
@Injectable()
export class ActivityService {
  constructor(
    private readonly db: TenantDb,
    private readonly leads: LeadService,
    private readonly scoring: LeadScoringService,
  ) {}

  async create(dto: CreateActivityRequest, ctx: RequestContext): Promise<ActivityCreatedDto> {
    return this.db.transaction(ctx, async (uow) => {
      const lead = await this.leads.lockLead(uow, dto.id);
      const activity = await this.record(uow, lead, {
        type: dto.type,
        description: dto.description?.trim() || null,
        metadata: dto.metadata ?? {},
        actorId: ctx.user_id,
        occurredAt: dto.occurred_at ? new Date(dto.occurred_at) : new Date(),
      }, 'activity');
      return { ...toActivityDto(activity), lead_score: storedScore(lead.score) };
    });
  }

  /** Newest first. */
  async list(query: ListActivitiesRequest, ctx: RequestContext): Promise<Page<ActivityDto>> {
    await this.db.repo(ctx, LeadEntity).get({ id: query.id });
    const { skip, take } = pageWindow(query);
    const [rows, total] = await this.db.repo(ctx, LeadActivityEntity).findAndCount({
      where: { leadId: query.id },
      order: { occurredAt: 'DESC', createdAt: 'DESC', id: 'DESC' },
      skip,
      take,
    });
    return pageOf(rows.map(toActivityDto), total, query);
  }

  /** Records an activity of a locked lead, applies its effect on the lead and re-scores it. */
  async record(uow: UnitOfWork, lead: LeadEntity, input: NewActivity, reason: RescoreReason): Promise<LeadActivityEntity> {
    const activity = await uow.repo(LeadActivityEntity).insert({ leadId: lead.id, ...input });
    const effect = activityEffect(input.type, lead.status);
    const patch: QueryDeepPartialEntity<LeadEntity> = {};
    // An activity logged late must not move last_contacted_at backwards.
    if (effect.contacted && (!lead.lastContactedAt || input.occurredAt > lead.lastContactedAt)) {
      patch.lastContactedAt = input.occurredAt;
    }
    const previousStatus = lead.status;
    if (effect.status) patch.status = effect.status;
    if (Object.keys(patch).length > 0) {
      await uow.repo(LeadEntity).update({ id: lead.id }, patch);
      Object.assign(lead, patch);
    }
    if (effect.status) {
      await uow.emit('lead.updated', { lead_id: lead.id, changes: ['status'], status: lead.status, previous_status: previousStatus });
    }
    await this.scoring.rescore(uow, lead, reason);
    return activity;
  }
}
