import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { UuidPrimaryColumn } from '@parley/platform';

/**
 * A person who can log in. Global, not per tenant: one account joins many tenants through
 * memberships. The email is stored lower-cased and unique case-insensitively.
 */
@Entity({ name: 'users' })
export class UserEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('text')
  email: string;

  /** argon2id, encoded with its parameters. */
  @Column('text')
  passwordHash: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'int', default: 0 })
  failedLoginCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
