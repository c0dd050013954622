import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { DncSource } from '@parley/contracts';

/** A number the tenant must not call, in E.164; the key is (tenant, number), so a check is one index lookup. */
@Entity({ name: 'dnc_numbers' })
export class DncNumberEntity {
  @PrimaryColumn('uuid')
  tenantId: string;

  @PrimaryColumn('text')
  phoneNumber: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column('text')
  source: DncSource;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
