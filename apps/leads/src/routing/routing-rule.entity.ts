import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import type { RoutingActionType, RoutingField, RoutingOperator } from '@parley/contracts';
import { UuidPrimaryColumn } from '@parley/platform';

export interface StoredRoutingCondition {
  field: RoutingField;
  operator: RoutingOperator;
  value: unknown;
}

export interface StoredRoutingAction {
  type: RoutingActionType;
  agent_id: string | null;
  team: string | null;
  agent_ids: string[];
}

@Entity({ name: 'routing_rules' })
export class RoutingRuleEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('text')
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Lower runs first. */
  @Column({ type: 'int', default: 100 })
  priority: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  conditions: StoredRoutingCondition[];

  @Column('jsonb')
  action: StoredRoutingAction;

  @Column({ type: 'int', default: 0 })
  roundRobinCursor: number;

  @Column({ type: 'int', default: 0 })
  matchedCount: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
