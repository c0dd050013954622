import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import type { CallDirection, CallStatus, CallType } from '@parley/contracts';
import { UuidPrimaryColumn } from '@parley/platform';
import type { CallTranscriptEntry } from './call-transcript';

/** One call (phone or chat), placed through Twilio or recorded. Indexes live in the migration. */
@Entity({ name: 'calls' })
export class CallEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('text')
  direction: CallDirection;

  @Column('text')
  type: CallType;

  @Column({ type: 'text', default: 'queued' })
  status: CallStatus;

  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  @Column({ type: 'uuid', nullable: true })
  aiAgentId: string | null;

  @Column({ type: 'uuid', nullable: true })
  agentId: string | null;

  @Column({ type: 'uuid', nullable: true })
  businessId: string | null;

  /** E.164 for phone calls. */
  @Column({ type: 'text', nullable: true })
  fromNumber: string | null;

  @Column({ type: 'text', nullable: true })
  toNumber: string | null;

  /** Twilio's CallSid. */
  @Column({ type: 'text', nullable: true })
  providerCallId: string | null;

  @Column({ type: 'int', nullable: true })
  lastSequence: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  durationSeconds: number | null;

  @Column({ type: 'text', nullable: true })
  recordingUrl: string | null;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'real', nullable: true })
  sentiment: number | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ type: 'text', nullable: true })
  endReason: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  transcript: CallTranscriptEntry[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  analysis: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
