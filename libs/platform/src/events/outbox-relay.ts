import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JSONCodec, type JetStreamClient } from 'nats';
import type { DomainEvent } from '@parley/contracts';
import { PLATFORM_CONFIG, type DatabaseConfig, type PlatformConfig } from '../config/service-config';
import { NatsConnectionHolder } from '../nats/nats-connection';
import { OutboxEventEntity } from './outbox-event.entity';
import { relayBatch, type OutboxClaim, type PublishEvent } from './outbox-batch';
import { ensureEventStream } from './event-stream';
import { PollingLoop } from '../scheduling/polling-loop';

const BATCH = 200;
const codec = JSONCodec<DomainEvent>();

/**
 * Publishes outbox rows to JetStream, at least once. Rows are claimed with SKIP LOCKED so
 * replicas share the work; the event id is the JetStream message id, so a re-publish after
 * a crash is dropped by the stream's duplicate window.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly loop: PollingLoop;
  private js?: JetStreamClient;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsConnectionHolder,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig & DatabaseConfig,
  ) {
    this.loop = new PollingLoop({
      pass: () => this.drain(), intervalMs: config.OUTBOX_POLL_MS, logger: this.logger, failureMessage: 'outbox relay pass failed; will retry',
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Publishing needs the stream; a service with no consumers may be the first one up.
    await ensureEventStream(await this.nats.nc.jetstreamManager(), this.config.NATS_SUBJECT_PREFIX);
    this.js = this.nats.nc.jetstream();
    this.loop.start();
  }

  /** Called after a commit that wrote events, and by the poll timer. */
  nudge(): void {
    this.loop.nudge();
  }

  /** Publishes until the outbox is empty; returns how many events went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.publishBatch();
      total += sent;
      if (sent < BATCH) return total;
    }
  }

  private async publishBatch(): Promise<number> {
    const js = this.js ?? this.nats.nc.jetstream();
    const publish: PublishEvent = (subject, event, msgID) => js.publish(subject, codec.encode(event), { msgID });
    return this.dataSource.transaction((manager) => {
      const claim: OutboxClaim = {
        claim: (limit) =>
          manager
            .createQueryBuilder(OutboxEventEntity, 'o')
            .where('o.published_at IS NULL')
            .orderBy('o.seq', 'ASC')
            .limit(limit)
            .setLock('pessimistic_write')
            .setOnLocked('skip_locked')
            .getMany(),
        markPublished: async (ids) => {
          await manager.createQueryBuilder().update(OutboxEventEntity).set({ publishedAt: () => 'now()' }).whereInIds(ids).execute();
        },
      };
      return relayBatch(claim, publish, this.config.NATS_SUBJECT_PREFIX, BATCH);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }
}
