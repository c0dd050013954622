import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidPrimaryColumn } from '@parley/platform';

/**
 * One refresh token of a session. Tokens of one login share a family; rotation marks the
 * presented token used and issues the next one in the family. Only the sha256 is stored.
 */
@Entity({ name: 'refresh_tokens' })
@Index('refresh_tokens_tenant_user', ['tenantId', 'userId'])
@Index('refresh_tokens_family', ['familyId'])
export class RefreshTokenEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  familyId: string;

  @Column('uuid')
  tenantId: string;

  @Column('uuid')
  userId: string;

  @Column('text')
  tokenHash: string;

  @Column('timestamptz')
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
