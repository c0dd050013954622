import {
  Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import {
  AckPolicy, DeliverPolicy, JSONCodec, type ConsumerMessages, type JsMsg,
} from 'nats';
import { eventSubject, type DomainEvent, type EventType } from '@parley/contracts';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/service-config';
import { eventContext, RequestContextStorage } from '../context/request-context';
import { NatsConnectionHolder } from '../nats/nats-connection';
import { ensureEventStream } from './event-stream';
import { ON_EVENT, type EventHandler } from './on-event.decorator';

const codec = JSONCodec<DomainEvent>();
const SECOND_NS = 1_000_000_000;
/** After this many deliveries a failing event goes to the dead-letter subject. */
export const MAX_DELIVER = 8;
const BACKOFF_MS = [200, 1000, 5000, 15000, 30000];

interface Subscription {
  type: EventType;
  handler: EventHandler<EventType>;
}

/** Durable consumer name: one per service and event type (nats-server 2.9 filters one subject). */
export function durableName(service: string, type: string): string {
  return `${service}__${type.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * Finds @OnEvent handlers and feeds each from a durable JetStream consumer: ack after the
 * handler's transaction commits, skip an event id already processed, dead-letter a poison one.
 */
@Injectable()
export class EventConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumerHost.name);
  private readonly running: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly nats: NatsConnectionHolder,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  private subscriptions(): Subscription[] {
    const found: Subscription[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method] as (...args: unknown[]) => unknown;
        const type = this.reflector.get<EventType | undefined>(ON_EVENT, fn);
        if (type) found.push({ type, handler: fn.bind(instance) as EventHandler<EventType> });
      }
    }
    return found;
  }

  async onApplicationBootstrap(): Promise<void> {
    const subs = this.subscriptions();
    if (subs.length === 0) return;
    const prefix = this.config.NATS_SUBJECT_PREFIX;
    const jsm = await this.nats.nc.jetstreamManager();
    const stream = await ensureEventStream(jsm, prefix);
    for (const sub of subs) {
      const name = durableName(this.config.SERVICE_NAME, sub.type);
      const settings = {
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: `${prefix}${eventSubject(sub.type)}`,
        max_deliver: MAX_DELIVER,
        ack_wait: 30 * SECOND_NS,
      };
      try {
        await jsm.consumers.info(stream, name);
        await jsm.consumers.update(stream, name, { max_deliver: MAX_DELIVER, ack_wait: settings.ack_wait });
      } catch {
        await jsm.consumers.add(stream, { durable_name: name, ...settings });
      }
      const consumer = await this.nats.nc.jetstream().consumers.get(stream, name);
      const messages = await consumer.consume({ max_messages: 64 });
      this.running.push(messages);
      this.loops.push(this.loop(messages, sub));
    }
  }

  private async loop(messages: ConsumerMessages, sub: Subscription): Promise<void> {
    for await (const msg of messages) {
      await this.handle(msg, sub);
    }
  }

  private async handle(msg: JsMsg, sub: Subscription): Promise<void> {
    const event = codec.decode(msg.data);
    const ctx = eventContext(event);
    await RequestContextStorage.run(ctx, async () => {
      try {
        await this.dataSource.transaction(async (manager) => {
          const inserted: unknown[] = await manager.query(
            `INSERT INTO processed_events (event_id, type, processed_at) VALUES ($1, $2, now())
             ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
            [event.id, event.type],
          );
          if (inserted.length === 0) return; // already handled: a redelivery
          await sub.handler(event, manager);
        });
        msg.ack();
      } catch (error) {
        const deliveries = msg.info.redeliveryCount;
        if (deliveries >= MAX_DELIVER) {
          this.logger.error({ err: error, event_id: event.id, type: event.type }, 'event dead-lettered');
          await this.nats.nc
            .jetstream()
            .publish(`${this.config.NATS_SUBJECT_PREFIX}dlq.${this.config.SERVICE_NAME}.${event.type}`, msg.data, {
              msgID: `dlq-${this.config.SERVICE_NAME}-${event.id}`,
            })
            .catch(() => undefined);
          msg.term();
        } else {
          this.logger.warn({ err: error, event_id: event.id, attempt: deliveries }, 'event handler failed; will retry');
          msg.nak(BACKOFF_MS[Math.min(deliveries - 1, BACKOFF_MS.length - 1)]);
        }
      }
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const messages of this.running) messages.stop();
    await Promise.allSettled(this.loops);
  }
}
