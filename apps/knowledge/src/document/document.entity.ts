import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import type { DocumentStatus, DocumentType, KnowledgeLanguage } from '@parley/contracts';
import { UuidPrimaryColumn } from '@parley/platform';

@Entity({ name: 'documents' })
export class DocumentEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('text')
  title: string;

  @Column('text')
  type: DocumentType;

  @Column({ type: 'text', default: 'pending' })
  status: DocumentStatus;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ type: 'text', default: 'default' })
  knowledgeBase: string;

  @Column('text')
  language: KnowledgeLanguage;

  @Column({ type: 'text', nullable: true })
  source: string | null;

  // bigint arrives as a string from pg; documents stay far below 2^53 bytes.
  @Column({ type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  sizeBytes: number | null;

  @Column({ type: 'integer', nullable: true })
  pageCount: number | null;

  @Column({ type: 'integer', default: 0 })
  chunkCount: number;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}
