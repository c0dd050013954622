import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DefaultRoutingStrategy, ScoreWeights } from '@parley/contracts';

/** Per-tenant scoring weights and default routing; absent row = defaults. */
@Entity({ name: 'lead_settings' })
export class LeadSettingsEntity {
  @PrimaryColumn('uuid')
  tenantId: string;

  @Column('jsonb')
  scoreWeights: ScoreWeights;

  @Column({ type: 'text', default: 'least_busy' })
  defaultRouting: DefaultRoutingStrategy;

  /** Position of the tenant-default round robin. */
  @Column({ type: 'int', default: 0 })
  roundRobinCursor: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
