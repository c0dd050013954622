import { ServerNats, type NatsOptions } from '@nestjs/microservices';
import type { MessageHandler } from '@nestjs/microservices';

/**
 * Nest's NATS server with every subject under a prefix (tests run isolated platforms on
 * one NATS this way) and the service name as queue group, so N replicas share the load.
 */
export class PrefixedNatsServer extends ServerNats {
  constructor(
    options: NonNullable<NatsOptions['options']>,
    private readonly subjectPrefix: string,
  ) {
    super(options);
  }

  override addHandler(
    pattern: unknown,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    super.addHandler(`${this.subjectPrefix}${String(pattern)}`, callback, isEventHandler, extras);
  }
}
