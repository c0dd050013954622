import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import type { CampaignStatus, CampaignType } from '@parley/contracts';
import { UuidPrimaryColumn } from '@parley/platform';

@Entity({ name: 'campaigns' })
export class CampaignEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('text')
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', default: 'outbound_call' })
  type: CampaignType;

  @Column({ type: 'enum', enum: ['draft', 'scheduled', 'active', 'paused', 'completed'], enumName: 'campaign_status', default: 'draft' })
  status: CampaignStatus;

  @Column({ type: 'uuid', nullable: true })
  aiAgentId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings: Record<string, unknown>;

  @Column({ type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
