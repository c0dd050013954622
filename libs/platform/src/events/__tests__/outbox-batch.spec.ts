import type { DomainEvent } from '@parley/contracts';
import type { OutboxEventEntity } from '../outbox-event.entity';
import { relayBatch, type OutboxClaim } from '../outbox-batch';

function row(seq: number, overrides: Partial<OutboxEventEntity> = {}): OutboxEventEntity {
  return {
    id: `00000000-0000-4000-8000-00000000000${seq}`,
    seq: String(seq),
    type: 'agent.status_changed',
    subject: 'evt.identity.agent.status_changed',
    tenantId: 'tenant-1',
    actorId: 'user-1',
    requestId: `req-${seq}`,
    data: { agent_id: 'a', status: 'ready' },
    occurredAt: new Date('2026-01-01T00:00:00Z'),
    publishedAt: null,
    ...overrides,
  };
}

/** An outbox in memory: claims unpublished rows in seq order, as the SQL does. */
class MemoryOutbox implements OutboxClaim {
  constructor(readonly rows: OutboxEventEntity[]) {}
  async claim(limit: number) {
    return this.rows.filter((r) => !r.publishedAt).slice(0, limit);
  }
  async markPublished(ids: string[]) {
    for (const r of this.rows) if (ids.includes(r.id)) r.publishedAt = new Date();
  }
}

describe('relayBatch', () => {
  it('publishes each event under the prefix with its id as message id, then marks the batch', async () => {
    const outbox = new MemoryOutbox([row(1), row(2), row(3)]);
    const sent: Array<{ subject: string; event: DomainEvent; msgId: string }> = [];
    const count = await relayBatch(outbox, async (subject, event, msgId) => sent.push({ subject, event, msgId }), 't1.', 2);

    expect(count).toBe(2);
    expect(sent.map((s) => s.msgId)).toEqual([row(1).id, row(2).id]);
    expect(sent[0]).toMatchObject({
      subject: 't1.evt.identity.agent.status_changed',
      event: { id: row(1).id, type: 'agent.status_changed', tenant_id: 'tenant-1', actor_id: 'user-1', request_id: 'req-1', occurred_at: '2026-01-01T00:00:00.000Z', data: { agent_id: 'a', status: 'ready' } },
    });
    expect(outbox.rows.map((r) => r.publishedAt !== null)).toEqual([true, true, false]);
  });

  it('marks nothing when a publish fails, so the batch is retried whole', async () => {
    const outbox = new MemoryOutbox([row(1), row(2)]);
    const failing = async (_subject: string, event: DomainEvent) => {
      if (event.id === row(2).id) throw new Error('stream unavailable');
    };
    await expect(relayBatch(outbox, failing, '', 10)).rejects.toThrow('stream unavailable');
    expect(outbox.rows.every((r) => r.publishedAt === null)).toBe(true);

    const retried: string[] = [];
    await relayBatch(outbox, async (_s, _e, msgId) => retried.push(msgId), '', 10);
    expect(retried).toEqual([row(1).id, row(2).id]);
  });

  it('answers 0 and publishes nothing on an empty outbox', async () => {
    const publish = jest.fn();
    expect(await relayBatch(new MemoryOutbox([]), publish, '', 10)).toBe(0);
    expect(publish).not.toHaveBeenCalled();
  });
});
