import { Column, CreateDateColumn, Entity } from 'typeorm';
import type { ActivityType } from '@parley/contracts';
import { UuidPrimaryColumn } from '@parley/platform';

/** Something that happened with a lead; append-only, feeds scoring. */
@Entity({ name: 'lead_activities' })
export class LeadActivityEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('uuid')
  leadId: string;

  @Column('text')
  type: ActivityType;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
