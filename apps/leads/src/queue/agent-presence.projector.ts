import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '@parley/contracts';
import { OnEvent } from '@parley/platform';
import type { EntityManager } from 'typeorm';
import { QueueUpdatePublisher } from './queue-update.publisher';

/** Keeps agent_presence in step with identity's `agent.status_changed`. */
@Injectable()
export class AgentPresenceProjector {
  constructor(private readonly queueUpdates: QueueUpdatePublisher) {}

  /**
   * Upserts the agent's status unless a newer one is already stored: events may arrive out of
   * order or be redelivered, and an old status must never overwrite a new one.
   */
  @OnEvent('agent.status_changed')
  async onAgentStatusChanged(event: DomainEvent<'agent.status_changed'>, manager: EntityManager): Promise<void> {
    const { agent_id, status, timestamp } = event.data;
    const changed: unknown[] = await manager.query(
      `INSERT INTO agent_presence (tenant_id, agent_id, status, status_changed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, agent_id) DO UPDATE SET status = EXCLUDED.status, status_changed_at = EXCLUDED.status_changed_at
       WHERE agent_presence.status_changed_at < EXCLUDED.status_changed_at
       RETURNING agent_id`,
      [event.tenant_id, agent_id, status, timestamp],
    );
    if (changed.length > 0) this.queueUpdates.touch(event.tenant_id);
  }
}
