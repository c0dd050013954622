import { Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DataSource, type EntityManager, type EntityTarget } from 'typeorm';
import { eventSubject, type DomainEvents, type EventType, type RequestContext } from '@parley/contracts';
import { UnauthorizedException } from '../errors/domain.exception';
import { OutboxEventEntity } from '../events/outbox-event.entity';
import { OutboxRelay } from '../events/outbox-relay';
import { TenantRepository, type TenantOwned } from './tenant-repository';

function entityName(entity: EntityTarget<unknown>): string {
  const name = typeof entity === 'function' ? entity.name : String(entity);
  return name.replace(/Entity$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function requireTenant(ctx: RequestContext): string {
  if (!ctx.tenant_id) throw new UnauthorizedException('a tenant is required for this request');
  return ctx.tenant_id;
}

/** One unit of work: tenant-scoped repositories and events that commit with the change. */
export class UnitOfWork {
  private eventCount = 0;

  constructor(
    readonly manager: EntityManager,
    private readonly ctx: RequestContext,
    private readonly tenantOverride?: string,
  ) {}

  repo<E extends TenantOwned>(entity: EntityTarget<E>): TenantRepository<E> {
    return new TenantRepository(this.manager, entity, this.tenantOverride ?? requireTenant(this.ctx), entityName(entity));
  }

  /** Records an event in the outbox, inside this transaction. */
  async emit<T extends EventType>(type: T, data: DomainEvents[T], tenantId?: string): Promise<void> {
    await this.manager.insert(OutboxEventEntity, {
      id: randomUUID(),
      type,
      subject: eventSubject(type),
      tenantId: tenantId ?? this.tenantOverride ?? requireTenant(this.ctx),
      actorId: this.ctx.user_id,
      requestId: this.ctx.request_id,
      data: data as QueryDeepPartialEntity<Record<string, unknown>>,
      occurredAt: new Date(),
    });
    this.eventCount += 1;
  }

  get emittedEvents(): number {
    return this.eventCount;
  }
}

/**
 * The one way a service touches its tables: tenant-scoped repositories, and transactions
 * whose events are written to the outbox with the change and published after commit.
 */
@Injectable()
export class TenantDb {
  constructor(
    readonly dataSource: DataSource,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  /** Scoped reads outside a transaction. */
  repo<E extends TenantOwned>(ctx: RequestContext, entity: EntityTarget<E>): TenantRepository<E> {
    return new TenantRepository(this.dataSource.manager, entity, requireTenant(ctx), entityName(entity));
  }

  /**
   * Runs `work` in a transaction. `tenantId` overrides the context's tenant, for flows that
   * create a tenant (registration) or act on a tenant the caller is joining.
   */
  async transaction<T>(ctx: RequestContext, work: (uow: UnitOfWork) => Promise<T>, tenantId?: string): Promise<T> {
    let uow: UnitOfWork | undefined;
    const result = await this.dataSource.transaction(async (manager) => {
      uow = new UnitOfWork(manager, ctx, tenantId);
      return work(uow);
    });
    if (uow && uow.emittedEvents > 0) this.relay?.nudge();
    return result;
  }

  /** Tables that are not per tenant (identity's users): named so it stands out in review. */
  globalManager(): EntityManager {
    return this.dataSource.manager;
  }
}

