import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PollingLoop, type UnitOfWork } from '@parley/platform';
import { DataSource } from 'typeorm';
import { TELEPHONY_CONFIG, type TelephonyConfig } from '../telephony.config';

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Twilio webhooks already applied, keyed by signature: a retried delivery has the same URL and
 * parameters, so the same signature. Recorded in the transaction that applies the webhook, so a
 * webhook that failed half-way is applied again on retry. Receipts older than
 * WEBHOOK_RECEIPT_TTL_H are pruned hourly (Twilio retries within minutes).
 */
@Injectable()
export class WebhookReceipts implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookReceipts.name);
  private readonly pruning: PollingLoop;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(TELEPHONY_CONFIG) private readonly config: TelephonyConfig,
  ) {
    this.pruning = new PollingLoop({
      pass: () => this.prune(),
      intervalMs: PRUNE_INTERVAL_MS,
      failureMessage: 'pruning Twilio webhook receipts failed',
      logger: this.logger,
    });
  }

  /** True the first time this webhook is seen; false for a repeat, which must change nothing. */
  async firstDelivery(uow: UnitOfWork, tenantId: string, signature: string, kind: string): Promise<boolean> {
    const rows = (await uow.manager.query(
      `INSERT INTO webhook_receipts (tenant_id, signature, kind) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, signature) DO NOTHING RETURNING 1 AS inserted`,
      [tenantId, signature, kind],
    )) as unknown[];
    return rows.length === 1;
  }

  async prune(): Promise<number> {
    const result = (await this.dataSource.query(
      `DELETE FROM webhook_receipts WHERE received_at < now() - make_interval(hours => $1)`,
      [this.config.WEBHOOK_RECEIPT_TTL_H],
    )) as [unknown[], number];
    return result[1];
  }

  onApplicationBootstrap(): void {
    this.pruning.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pruning.stop();
  }
}
