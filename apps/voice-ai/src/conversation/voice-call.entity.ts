import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import type {
  ConversationAnalyticsDto, ConversationProvider, ConversationState, ConversationSummaryDto, QaScoreDto, SentimentDto,
  VoiceCallStatus, VoiceCallType, VoiceSettingsView,
} from '@parley/contracts';
import { UuidPrimaryColumn } from '@parley/platform';
import type { LeadFacts } from '../engine/conversation-engine';
import type { ConversationMemory } from '../engine/conversation-memory';

/** One conversation with an AI agent: a phone call's, or one held over REST or the realtime socket. */
@Entity({ name: 'voice_calls' })
export class VoiceCallEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('uuid')
  aiAgentId: string;

  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  /** Telephony's call, for phone conversations. */
  @Column({ type: 'uuid', nullable: true })
  callId: string | null;

  /** The other party's number, E.164 when known. */
  @Column({ type: 'text', nullable: true })
  phoneNumber: string | null;

  @Column('text')
  callType: VoiceCallType;

  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Column('text')
  provider: ConversationProvider;

  @Column({ type: 'text', default: 'created' })
  status: VoiceCallStatus;

  @Column({ type: 'text', default: 'greeting' })
  state: ConversationState;

  @Column('jsonb')
  voice: VoiceSettingsView;

  @Column('jsonb')
  memory: ConversationMemory;

  /** The lead as leads described it when the conversation began (no lookup per turn). */
  @Column({ type: 'jsonb', nullable: true })
  lead: LeadFacts | null;

  @Column('text')
  timezone: string;

  /** Caller turns answered so far (the AI's opening is turn 0). */
  @Column({ type: 'integer', default: 0 })
  turns: number;

  @Column({ type: 'jsonb', nullable: true })
  sentiment: SentimentDto | null;

  @Column({ type: 'jsonb', nullable: true })
  summary: ConversationSummaryDto | null;

  @Column({ type: 'jsonb', nullable: true })
  analytics: ConversationAnalyticsDto | null;

  @Column({ type: 'jsonb', nullable: true })
  extracted: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  qa: QaScoreDto | null;

  /** Reached closing or secured a next step: the agents' success rate counts these. */
  @Column({ type: 'boolean', nullable: true })
  succeeded: boolean | null;

  @Column({ type: 'text', nullable: true })
  endReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
