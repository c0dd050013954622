import { Injectable } from '@nestjs/common';
import {
  pageOf, pageWindow,
  type AgentDto, type AgentStatsDto, type AgentUsageDto, type Page, type PageQueryDto, type RequestContext, type SetAgentStatusDto,
} from '@parley/contracts';
import { containsLikePattern, NotFoundException, TenantDb, type TenantRepository } from '@parley/platform';
import { callerOf } from '../auth/caller';
import { MembershipEntity } from '../member/membership.entity';
import { toAgentDto, toAgentUsageDto } from './agent.mapper';
import { summarizeAgentStatuses, type StatusCount } from './agent-stats';

/** Human agents: the members of a tenant, seen with their call status. The agent id is the user id. */
@Injectable()
export class AgentService {
  constructor(private readonly db: TenantDb) {}

  private withPeople(memberships: TenantRepository<MembershipEntity>) {
    return memberships.query('m').innerJoinAndSelect('m.user', 'u').innerJoinAndSelect('m.role', 'r');
  }

  async list(query: PageQueryDto, ctx: RequestContext): Promise<Page<AgentDto>> {
    const qb = this.withPeople(this.db.repo(ctx, MembershipEntity));
    if (query.search) {
      qb.andWhere('(u.email ILIKE :pattern OR u.name ILIKE :pattern)', { pattern: containsLikePattern(query.search) });
    }
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.orderBy('u.email', 'ASC').skip(skip).take(take).getManyAndCount();
    return pageOf(rows.map(toAgentDto), total, query);
  }

  private async membershipOf(repo: TenantRepository<MembershipEntity>, userId: string, lock = false): Promise<MembershipEntity> {
    const qb = this.withPeople(repo).andWhere('m.userId = :userId', { userId });
    // Inside a write, lock the row so two status changes in a row report the right previous status.
    if (lock) qb.setLock('pessimistic_write', undefined, ['m']);
    const membership = await qb.getOne();
    if (!membership) throw new NotFoundException('agent');
    return membership;
  }

  async get(id: string, ctx: RequestContext): Promise<AgentDto> {
    return toAgentDto(await this.membershipOf(this.db.repo(ctx, MembershipEntity), id));
  }

  /** Sets the caller's own status; `agent.status_changed` only when it really changes. */
  async setMyStatus(dto: SetAgentStatusDto, ctx: RequestContext): Promise<AgentDto> {
    const { userId } = callerOf(ctx);
    return this.db.transaction(ctx, async (uow) => {
      const memberships = uow.repo(MembershipEntity);
      const membership = await this.membershipOf(memberships, userId, true);
      const previous = membership.status;
      if (previous === dto.status) return toAgentDto(membership);
      const now = new Date();
      membership.status = dto.status;
      membership.statusChangedAt = now;
      await uow.manager.update(MembershipEntity, { id: membership.id, tenantId: memberships.tenantId }, {
        status: dto.status, statusChangedAt: now,
      });
      await uow.emit('agent.status_changed', {
        agent_id: userId, status: dto.status, previous_status: previous, timestamp: now.toISOString(),
      });
      return toAgentDto(membership);
    });
  }

  /** Ready agents, longest-waiting first (the fair order to hand out the next call). */
  async available(ctx: RequestContext): Promise<AgentDto[]> {
    const rows = await this.withPeople(this.db.repo(ctx, MembershipEntity))
      .andWhere('m.status = :status', { status: 'ready' })
      .orderBy('m.statusChangedAt', 'ASC')
      .getMany();
    return rows.map(toAgentDto);
  }

  async stats(ctx: RequestContext): Promise<AgentStatsDto> {
    const counts = await this.db
      .repo(ctx, MembershipEntity)
      .query('m')
      .select('m.status', 'status')
      .addSelect('count(*)::int', 'count')
      .groupBy('m.status')
      .getRawMany<StatusCount>();
    return summarizeAgentStatuses(counts);
  }

  async usage(id: string, ctx: RequestContext): Promise<AgentUsageDto> {
    return toAgentUsageDto(await this.membershipOf(this.db.repo(ctx, MembershipEntity), id));
  }
}
