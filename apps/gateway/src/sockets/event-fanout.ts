import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DeliverPolicy, JSONCodec, type ConsumerMessages } from 'nats';
import { EVENT_SUBJECT_ROOT, type DomainEvent } from '@parley/contracts';
import { ensureEventStream, eventContext, NatsConnectionHolder, PLATFORM_CONFIG, RequestContextStorage, type PlatformConfig } from '@parley/platform';
import { routeEvent } from './socket-routes';
import { SocketGateway } from './socket.gateway';

const codec = JSONCodec<DomainEvent>();

/**
 * Every gateway replica reads every new event (an ordered, ephemeral consumer) and pushes
 * the routed ones to its own sockets, so any number of replicas serve sockets.
 */
@Injectable()
export class EventFanout implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventFanout.name);
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  constructor(
    private readonly nats: NatsConnectionHolder,
    private readonly sockets: SocketGateway,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const prefix = this.config.NATS_SUBJECT_PREFIX;
    const stream = await ensureEventStream(await this.nats.nc.jetstreamManager(), prefix);
    const consumer = await this.nats.nc.jetstream().consumers.get(stream, {
      filterSubjects: `${prefix}${EVENT_SUBJECT_ROOT}.>`,
      deliver_policy: DeliverPolicy.New,
    });
    const messages = await consumer.consume();
    this.messages = messages;
    this.loop = (async () => {
      for await (const msg of messages) {
        try {
          const event = codec.decode(msg.data);
          const delivery = routeEvent(event);
          if (delivery) {
            RequestContextStorage.run(eventContext(event), () => this.sockets.deliver(delivery));
          }
        } catch (error) {
          this.logger.warn({ err: error }, 'could not route an event to sockets');
        }
      }
    })();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.messages?.stop();
    await this.loop;
  }
}
