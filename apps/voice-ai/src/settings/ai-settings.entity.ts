import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ConversationProvider } from '@parley/contracts';

/** A tenant's OpenAI-compatible provider. The key is only ever stored sealed (SecretCipher). */
@Entity({ name: 'ai_settings' })
export class AiSettingsEntity {
  @PrimaryColumn('uuid')
  tenantId: string;

  @Column({ type: 'bytea', nullable: true })
  openaiApiKeyEncrypted: Buffer | null;

  @Column({ type: 'text', nullable: true })
  openaiBaseUrl: string | null;

  @Column({ type: 'text', nullable: true })
  chatModel: string | null;

  @Column({ type: 'text', nullable: true })
  realtimeModel: string | null;

  @Column({ type: 'text', nullable: true })
  defaultProvider: ConversationProvider | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
