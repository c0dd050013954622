import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { backgroundContext, type DomainEvent } from '@parley/contracts';
import { OnEvent, RequestContextStorage, TenantDb } from '@parley/platform';
import { randomUUID } from 'node:crypto';
import { LEADS_CONFIG, type LeadsConfig } from '../leads.config';
import { QueueSnapshotReader } from './queue-snapshot.reader';

/**
 * Emits `queue.updated` after the queue changed: changes are coalesced per tenant over
 * QUEUE_UPDATE_DEBOUNCE_MS, then one snapshot goes out through the outbox. It listens to the
 * service's own lead and campaign events, so the code that changes leads need not know it.
 */
@Injectable()
export class QueueUpdatePublisher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueUpdatePublisher.name);
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly flushing = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly db: TenantDb,
    private readonly reader: QueueSnapshotReader,
    @Inject(LEADS_CONFIG) private readonly config: LeadsConfig,
  ) {}

  /** Notes that the tenant's queue changed; the push follows within the debounce window. */
  touch(tenantId: string): void {
    if (this.stopped || this.pending.has(tenantId)) return;
    // Background work: its logs and events must not carry the request that triggered it.
    const timer = RequestContextStorage.exit(() => setTimeout(() => {
      this.pending.delete(tenantId);
      const flush = this.flush(tenantId).finally(() => this.flushing.delete(flush));
      this.flushing.add(flush);
    }, this.config.QUEUE_UPDATE_DEBOUNCE_MS));
    this.pending.set(tenantId, timer);
  }

  private async flush(tenantId: string): Promise<void> {
    const ctx = backgroundContext(`queue-update:${randomUUID()}`, tenantId);
    try {
      await RequestContextStorage.run(ctx, async () => {
        const snapshot = await this.reader.snapshot(ctx);
        await this.db.transaction(ctx, (uow) => uow.emit('queue.updated', snapshot));
      });
    } catch (error) {
      this.logger.warn({ err: error, tenant_id: tenantId }, 'queue.updated push failed; the next change pushes again');
    }
  }

  @OnEvent('lead.created')
  async onLeadCreated(event: DomainEvent<'lead.created'>): Promise<void> {
    this.touch(event.tenant_id);
  }

  @OnEvent('lead.updated')
  async onLeadUpdated(event: DomainEvent<'lead.updated'>): Promise<void> {
    this.touch(event.tenant_id);
  }

  @OnEvent('lead.deleted')
  async onLeadDeleted(event: DomainEvent<'lead.deleted'>): Promise<void> {
    this.touch(event.tenant_id);
  }

  @OnEvent('lead.score_changed')
  async onLeadScoreChanged(event: DomainEvent<'lead.score_changed'>): Promise<void> {
    this.touch(event.tenant_id);
  }

  @OnEvent('lead.imported')
  async onLeadsImported(event: DomainEvent<'lead.imported'>): Promise<void> {
    this.touch(event.tenant_id);
  }

  @OnEvent('campaign.started')
  async onCampaignStarted(event: DomainEvent<'campaign.started'>): Promise<void> {
    this.touch(event.tenant_id);
  }

  @OnEvent('campaign.paused')
  async onCampaignPaused(event: DomainEvent<'campaign.paused'>): Promise<void> {
    this.touch(event.tenant_id);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    await Promise.allSettled([...this.flushing]);
  }
}
