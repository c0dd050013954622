import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/service-config';

/**
 * One NATS connection per process for outgoing requests and JetStream. Its state feeds
 * readiness: a hybrid app keeps serving HTTP when NATS drops, so /ready must say so.
 */
@Injectable()
export class NatsConnectionHolder implements OnApplicationShutdown {
  private readonly logger = new Logger(NatsConnectionHolder.name);
  private connection?: NatsConnection;
  private connected = false;

  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {}

  async connect(): Promise<NatsConnection> {
    if (this.connection) return this.connection;
    this.connection = await connect({
      servers: this.config.NATS_URL,
      name: this.config.SERVICE_NAME,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    this.connected = true;
    void this.watch(this.connection);
    return this.connection;
  }

  get nc(): NatsConnection {
    if (!this.connection) throw new Error('NATS is not connected yet');
    return this.connection;
  }

  isConnected(): boolean {
    return this.connected && !!this.connection && !this.connection.isClosed();
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        this.connected = false;
        this.logger.warn(`NATS disconnected (${String(status.data)})`);
      } else if (status.type === 'reconnect') {
        this.connected = true;
        this.logger.log('NATS reconnected');
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const nc = this.connection;
    this.connection = undefined;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }
}
