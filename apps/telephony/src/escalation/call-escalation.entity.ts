import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import type { EscalationOutcome, EscalationSelection, EscalationStatus } from '@parley/contracts';
import { UuidPrimaryColumn } from '@parley/platform';

/**
 * One transfer of a live call to humans: a dial to an agent's softphone, or a wait in the human
 * queue. A call has at most one open (dialing or queued) escalation; indexes live in the migration.
 */
@Entity({ name: 'call_escalations' })
export class CallEscalationEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('uuid')
  callId: string;

  @Column('text')
  status: EscalationStatus;

  @Column({ type: 'uuid', nullable: true })
  agentId: string | null;

  /** The call's agent before the transfer: it gets the call back if the agent does not answer. */
  @Column({ type: 'uuid', nullable: true })
  previousAgentId: string | null;

  @Column({ type: 'text', nullable: true })
  selectedBy: EscalationSelection | null;

  @Column({ type: 'text', nullable: true })
  routingRule: string | null;

  @Column('text')
  selectionReason: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'text', nullable: true })
  queueName: string | null;

  @Column({ type: 'int', nullable: true })
  queuePosition: number | null;

  @Column({ type: 'text', nullable: true })
  outcome: EscalationOutcome | null;

  /** Twilio's DialCallDuration (talk time with the agent) or QueueTime (time on hold). */
  @Column({ type: 'int', nullable: true })
  durationSeconds: number | null;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
