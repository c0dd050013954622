import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { UuidPrimaryColumn } from '@parley/platform';

/** A company profile the AI agents speak for; at most one per tenant is the default. */
@Entity({ name: 'business_configs' })
@Index('business_configs_tenant', ['tenantId', 'createdAt'])
export class BusinessConfigEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('text')
  companyName: string;

  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', default: 'UTC' })
  timezone: string;

  @Column({ type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings: Record<string, unknown>;

  @Column({ type: 'boolean', default: false })
  isDefault: boolean;

  /**
   * Read model: how many AI agents and calls use this config. voice-ai and telephony feed
   * these from their events later; identity only starts them at 0 and reads them.
   */
  @Column({ type: 'int', default: 0 })
  aiAgentCount: number;

  @Column({ type: 'int', default: 0 })
  callCount: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
