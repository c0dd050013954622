import { Column, Entity } from 'typeorm';
import type { ConversationIntent, ConversationState, TurnAnalysisDto, TurnLatencyDto } from '@parley/contracts';
import { UuidPrimaryColumn } from '@parley/platform';

/** One spoken line of a conversation: turn n is the caller's n-th utterance and the AI's answer to it. */
@Entity({ name: 'conversation_turns' })
export class ConversationTurnEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('uuid')
  voiceCallId: string;

  @Column('integer')
  turn: number;

  @Column('text')
  speaker: 'caller' | 'ai';

  @Column('text')
  text: string;

  @Column('text')
  state: ConversationState;

  @Column({ type: 'text', nullable: true })
  intent: ConversationIntent | null;

  @Column({ type: 'jsonb', nullable: true })
  analysis: TurnAnalysisDto | null;

  @Column({ type: 'jsonb', nullable: true })
  latency: TurnLatencyDto | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
