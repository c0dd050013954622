import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { UuidPrimaryColumn } from '@parley/platform';

/** A customer organisation: every other identity row but users belongs to one. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('text')
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
