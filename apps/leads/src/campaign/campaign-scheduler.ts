import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { backgroundContext } from '@parley/contracts';
import { PollingLoop, TenantDb } from '@parley/platform';
import { randomUUID } from 'node:crypto';
import { LEADS_CONFIG, type LeadsConfig } from '../leads.config';

const BATCH = 50;

interface DueCampaign {
  id: string;
  tenant_id: string;
  name: string;
}

/**
 * Starts scheduled campaigns when they are due. The schedule lives in Postgres, so a campaign
 * due while the service was down starts on the next boot; the due rows are claimed with
 * SKIP LOCKED, so when several replicas poll, each campaign is started by exactly one.
 */
@Injectable()
export class CampaignScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CampaignScheduler.name);
  private readonly loop: PollingLoop;

  constructor(
    private readonly db: TenantDb,
    @Inject(LEADS_CONFIG) config: LeadsConfig,
  ) {
    this.loop = new PollingLoop({
      pass: () => this.startDue(), intervalMs: config.CAMPAIGN_SCHEDULER_POLL_MS, logger: this.logger,
      failureMessage: 'campaign scheduler pass failed; will retry',
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  /** Looks for due campaigns now (the poll timer and a just-made schedule in the past call it). */
  nudge(): void {
    this.loop.nudge();
  }

  /** Starts every due campaign, a batch per transaction; answers how many started. */
  async startDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const started = await this.startBatch();
      total += started;
      if (started < BATCH || this.loop.stopped) return total;
    }
  }

  private startBatch(): Promise<number> {
    // No tenant: the due scan spans tenants, and each event is written for its campaign's tenant.
    const ctx = backgroundContext(`campaign-scheduler:${randomUUID()}`);
    return this.db.transaction(ctx, async (uow) => {
      const due: DueCampaign[] = await uow.manager.query(
        `SELECT id, tenant_id, name FROM campaigns
         WHERE status = 'scheduled' AND scheduled_at <= now()
         ORDER BY scheduled_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (due.length === 0) return 0;
      await uow.manager.query(
        `UPDATE campaigns SET status = 'active', started_at = now(), updated_at = now() WHERE id = ANY($1::uuid[])`,
        [due.map((c) => c.id)],
      );
      for (const campaign of due) {
        await uow.emit('campaign.started', { campaign_id: campaign.id, name: campaign.name, scheduled: true }, campaign.tenant_id);
      }
      this.logger.log({ campaigns: due.map((c) => c.id) }, 'scheduled campaigns started');
      return due.length;
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
