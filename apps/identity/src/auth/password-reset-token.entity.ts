import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidPrimaryColumn } from '@parley/platform';

/** A single-use, expiring password reset token of a (global) user; only its sha256 is stored. */
@Entity({ name: 'password_reset_tokens' })
@Index('password_reset_tokens_user', ['userId'])
export class PasswordResetTokenEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  userId: string;

  @Column('text')
  tokenHash: string;

  @Column('timestamptz')
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
