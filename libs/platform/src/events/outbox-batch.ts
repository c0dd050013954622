import type { DomainEvent } from '@parley/contracts';
import type { OutboxEventEntity } from './outbox-event.entity';

/** Where unpublished events are claimed and marked (Postgres, inside one transaction). */
export interface OutboxClaim {
  claim(limit: number): Promise<OutboxEventEntity[]>;
  markPublished(ids: string[]): Promise<void>;
}

/** Where events go (JetStream); `msgId` lets the stream drop a re-publish. */
export type PublishEvent = (subject: string, event: DomainEvent, msgId: string) => Promise<unknown>;

export function toDomainEvent(row: OutboxEventEntity): DomainEvent {
  return {
    id: row.id,
    type: row.type as DomainEvent['type'],
    tenant_id: row.tenantId,
    occurred_at: row.occurredAt.toISOString(),
    actor_id: row.actorId,
    request_id: row.requestId,
    data: row.data as DomainEvent['data'],
  };
}

/**
 * One relay pass over a claimed batch: publish every event (its id as the message id), and
 * mark the batch published only once all were accepted. A failed publish marks nothing, so
 * the whole batch is tried again: at least once, duplicates dropped downstream.
 */
export async function relayBatch(claim: OutboxClaim, publish: PublishEvent, subjectPrefix: string, limit: number): Promise<number> {
  const rows = await claim.claim(limit);
  if (rows.length === 0) return 0;
  await Promise.all(rows.map((row) => publish(`${subjectPrefix}${row.subject}`, toDomainEvent(row), row.id)));
  await claim.markPublished(rows.map((row) => row.id));
  return rows.length;
}
