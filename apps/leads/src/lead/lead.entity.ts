import { Column, CreateDateColumn, Entity, UpdateDateColumn, type ValueTransformer } from 'typeorm';
import type { LeadPriority, LeadScoreDto, LeadStatus } from '@parley/contracts';
import { UuidPrimaryColumn } from '@parley/platform';

/** pg returns numeric as a string to keep precision; money-sized values fit a double. */
const numeric: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A person or company the team sells to. Indexes and generated columns live in the migration. */
@Entity({ name: 'leads' })
export class LeadEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('text')
  name: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** E.164. */
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  company: string | null;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Column({ type: 'int', nullable: true })
  companySize: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: numeric })
  annualRevenue: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: numeric })
  budget: number | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Column({ type: 'text', nullable: true })
  country: string | null;

  @Column({ type: 'text', default: 'manual' })
  source: string;

  @Column({ type: 'enum', enum: ['new', 'contacted', 'qualified', 'proposal', 'closed_won', 'closed_lost', 'do_not_contact'], enumName: 'lead_status', default: 'new' })
  status: LeadStatus;

  @Column({ type: 'real', default: 0 })
  score: number;

  /** Generated from score by Postgres. */
  @Column({ type: 'text', insert: false, update: false })
  priority: LeadPriority;

  @Column({ type: 'jsonb', nullable: true })
  scoreBreakdown: LeadScoreDto | null;

  @Column({ type: 'timestamptz', nullable: true })
  scoredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  campaignId: string | null;

  @Column({ type: 'uuid', nullable: true })
  assignedTo: string | null;

  @Column({ type: 'text', nullable: true })
  assignedTeam: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  customFields: Record<string, unknown>;

  @Column({ type: 'timestamptz', nullable: true })
  lastContactedAt: Date | null;

  /** When the lead became closed_won. */
  @Column({ type: 'timestamptz', nullable: true })
  convertedAt: Date | null;

  /** A booked callback: the lead stays out of the queue until then. */
  @Column({ type: 'timestamptz', nullable: true })
  nextContactAt: Date | null;

  /** The queue claim: an agent works the lead until the claim expires. */
  @Column({ type: 'uuid', nullable: true })
  claimedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimExpiresAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
