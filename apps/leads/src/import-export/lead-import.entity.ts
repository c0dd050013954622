import { Column, CreateDateColumn, Entity } from 'typeorm';
import type { ImportRowError } from '@parley/contracts';
import { UuidPrimaryColumn } from '@parley/platform';

/** The record of one CSV import and what it reported. */
@Entity({ name: 'lead_imports' })
export class LeadImportEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column('int')
  totalRows: number;

  @Column('int')
  created: number;

  @Column('int')
  merged: number;

  @Column('int')
  failed: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors: ImportRowError[];

  @Column('int')
  durationMs: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
