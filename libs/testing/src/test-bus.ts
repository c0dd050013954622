import { randomUUID } from 'node:crypto';
import type { RequestContext, RequestOf, ResponseOf, Subject } from '@parley/contracts';
import { NatsConnectionHolder, ServiceBus, TransferStore, type PlatformConfig } from '@parley/platform';

/** A ServiceBus for tests: talks to services booted under an isolation prefix. */
export class TestBus {
  private constructor(
    private readonly holder: NatsConnectionHolder,
    private readonly bus: ServiceBus,
  ) {}

  static async connect(natsUrl: string, prefix: string, timeoutMs = 5000): Promise<TestBus> {
    const config = {
      NATS_URL: natsUrl, NATS_SUBJECT_PREFIX: prefix, REQUEST_TIMEOUT_MS: timeoutMs, SERVICE_NAME: 'test-bus',
    } as PlatformConfig;
    const holder = new NatsConnectionHolder(config);
    await holder.connect();
    return new TestBus(holder, new ServiceBus(holder, config));
  }

  send<S extends Subject>(subject: S, data: RequestOf<S>, ctx: Partial<RequestContext> = {}): Promise<ResponseOf<S>> {
    return this.bus.send(subject, data, {
      request_id: randomUUID(), tenant_id: null, user_id: null, roles: [], perms: [], ...ctx,
    });
  }

  /** The platform's transfer store, as the gateway uses it for uploads and exports. */
  transfers(): TransferStore {
    return new TransferStore(this.holder);
  }

  get nc() {
    return this.holder.nc;
  }

  close(): Promise<void> {
    return this.holder.onApplicationShutdown();
  }
}
