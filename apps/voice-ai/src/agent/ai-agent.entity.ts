import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import type {
  AiAgentChannel, AiAgentStatus, AiAgentTone, AiAgentTool, ConversationProvider, ExtractionFieldDto, VoiceSettingsView,
} from '@parley/contracts';
import { UuidPrimaryColumn } from '@parley/platform';

/** An AI agent: who it is, how it sounds, what it may do, and whether it answers a number. */
@Entity({ name: 'ai_agents' })
export class AiAgentEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('text')
  name: string;

  @Column({ type: 'text', nullable: true })
  role: string | null;

  @Column({ type: 'text', nullable: true })
  instructions: string | null;

  /** Empty: the engine composes an opening in the agent's tone. */
  @Column({ type: 'text', default: '' })
  greeting: string;

  @Column({ type: 'text', nullable: true })
  companyName: string | null;

  @Column('jsonb')
  voice: VoiceSettingsView;

  @Column('text')
  tone: AiAgentTone;

  @Column({ type: 'text', array: true })
  channels: AiAgentChannel[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  knowledgeBases: string[];

  @Column({ type: 'text', array: true })
  tools: AiAgentTool[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  extractionFields: ExtractionFieldDto[];

  @Column('text')
  provider: ConversationProvider;

  @Column({ type: 'text', nullable: true })
  model: string | null;

  @Column({ type: 'text', default: 'draft' })
  status: AiAgentStatus;

  @Column({ type: 'text', nullable: true })
  phoneNumber: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deployedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
