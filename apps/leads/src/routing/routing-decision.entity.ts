import { Column, CreateDateColumn, Entity } from 'typeorm';
import { UuidPrimaryColumn } from '@parley/platform';

/** One routing outcome, kept for the automation metrics. */
@Entity({ name: 'routing_decisions' })
export class RoutingDecisionEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('uuid')
  leadId: string;

  @Column({ type: 'uuid', nullable: true })
  ruleId: string | null;

  @Column('text')
  ruleName: string;

  @Column({ type: 'uuid', nullable: true })
  agentId: string | null;

  @Column({ type: 'text', nullable: true })
  team: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
