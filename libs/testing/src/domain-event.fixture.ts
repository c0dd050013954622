import { randomUUID } from 'node:crypto';
import { JSONCodec, type NatsConnection, type PubAck } from 'nats';
import { eventSubject, type DomainEvent, type DomainEvents, type EventType } from '@parley/contracts';

/** A domain event as another service's outbox would write it: new id, now, no actor or request. */
export function domainEvent<T extends EventType>(
  type: T,
  tenantId: string,
  data: DomainEvents[T],
  overrides: Partial<Omit<DomainEvent<T>, 'type' | 'data'>> = {},
): DomainEvent<T> {
  return { id: randomUUID(), type, tenant_id: tenantId, occurred_at: new Date().toISOString(), actor_id: null, request_id: null, data, ...overrides };
}

/**
 * Publishes a domain event onto JetStream under an isolation prefix, as the owner's outbox
 * relay would: the event id is the message id unless `msgID` says otherwise (a redelivery).
 */
export function publishDomainEvent(nc: NatsConnection, prefix: string, event: DomainEvent, msgID = event.id): Promise<PubAck> {
  return nc.jetstream().publish(`${prefix}${eventSubject(event.type)}`, JSONCodec<DomainEvent>().encode(event), { msgID });
}
