import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CreateTenantDto, RequestContext, TenantDto, TokenPairDto, UserCountDto } from '@parley/contracts';
import { NotFoundException, TenantDb, type UnitOfWork } from '@parley/platform';
import { callerOf } from '../auth/caller';
import { SessionService } from '../auth/session.service';
import { UserEntity } from '../auth/user.entity';
import { MembershipEntity } from '../member/membership.entity';
import { RoleEntity } from '../role/role.entity';
import { RoleService } from '../role/role.service';
import { TenantEntity } from './tenant.entity';
import { toTenantDto } from './tenant.mapper';

export interface NewTenant {
  id: string;
  name: string;
  ownerId: string;
}

@Injectable()
export class TenantService {
  constructor(
    private readonly db: TenantDb,
    private readonly roles: RoleService,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Creates a tenant with its built-in roles and its owner's membership, inside the caller's
   * unit of work (which must be bound to `tenant.id`), and records `tenant.created`.
   */
  async provision(uow: UnitOfWork, tenant: NewTenant): Promise<TenantEntity> {
    await uow.manager.insert(TenantEntity, { id: tenant.id, name: tenant.name });
    const { owner } = await this.roles.seedBuiltIns(uow.repo(RoleEntity));
    await uow.repo(MembershipEntity).insert({ userId: tenant.ownerId, roleId: owner.id });
    await uow.emit('tenant.created', { tenant_id: tenant.id, name: tenant.name, owner_id: tenant.ownerId });
    return uow.manager.findOneByOrFail(TenantEntity, { id: tenant.id });
  }

  async create(dto: CreateTenantDto, ctx: RequestContext): Promise<TenantDto> {
    const { userId } = callerOf(ctx);
    const id = randomUUID();
    const tenant = await this.db.transaction(ctx, (uow) => this.provision(uow, { id, name: dto.name, ownerId: userId }), id);
    return toTenantDto(tenant, 'owner');
  }

  /** The caller's tenants across the platform (memberships are looked up by user, not tenant). */
  async listMine(ctx: RequestContext): Promise<TenantDto[]> {
    const { userId } = callerOf(ctx);
    const memberships = await this.db
      .globalManager()
      .createQueryBuilder(MembershipEntity, 'm')
      .innerJoin('m.tenant', 't')
      .innerJoin('m.role', 'r')
      .select(['t.id AS id', 't.name AS name', 't.created_at AS created_at', 'r.name AS role'])
      .where('m.userId = :userId', { userId })
      .orderBy('m.createdAt', 'ASC')
      .getRawMany<{ id: string; name: string; created_at: Date; role: string }>();
    return memberships.map((m) => toTenantDto({ id: m.id, name: m.name, createdAt: m.created_at }, m.role));
  }

  async current(ctx: RequestContext): Promise<TenantDto> {
    const { userId, tenantId } = callerOf(ctx);
    const membership = await this.sessions.membership(this.db.globalManager(), userId, tenantId);
    const tenant = membership && (await this.db.globalManager().findOneBy(TenantEntity, { id: tenantId }));
    if (!membership || !tenant) throw new NotFoundException('tenant');
    return toTenantDto(tenant, membership.role.name);
  }

  async countUsers(ctx: RequestContext): Promise<UserCountDto> {
    const memberships = this.db.repo(ctx, MembershipEntity);
    const rows = await memberships
      .query('m')
      .innerJoin('m.role', 'r')
      .select('r.name', 'role')
      .addSelect('count(*)::int', 'count')
      .groupBy('r.name')
      .getRawMany<{ role: string; count: number }>();
    const by_role = Object.fromEntries(rows.map((r) => [r.role, r.count]));
    return { tenant_id: memberships.tenantId, total: rows.reduce((sum, r) => sum + r.count, 0), by_role };
  }

  /** New tokens for another tenant of the caller; a tenant they are not in does not exist for them. */
  async switchTo(tenantId: string, ctx: RequestContext): Promise<TokenPairDto> {
    const { userId } = callerOf(ctx);
    const user = await this.db.globalManager().findOneBy(UserEntity, { id: userId });
    if (!user) throw new NotFoundException('tenant');
    return this.db.transaction(ctx, (uow) => this.sessions.issue(uow.manager, user, tenantId), tenantId);
  }
}
