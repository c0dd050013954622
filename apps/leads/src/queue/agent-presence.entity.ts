import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AgentStatus } from '@parley/contracts';

/** Local read model of identity's `agent.status_changed`: routing and the queue never ask identity per lead. */
@Entity({ name: 'agent_presence' })
export class AgentPresenceEntity {
  @PrimaryColumn('uuid')
  tenantId: string;

  @PrimaryColumn('uuid')
  agentId: string;

  @Column('text')
  status: AgentStatus;

  @Column('timestamptz')
  statusChangedAt: Date;
}
