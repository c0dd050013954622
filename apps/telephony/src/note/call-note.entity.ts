import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import type { NoteCategory } from '@parley/contracts';
import { UuidPrimaryColumn } from '@parley/platform';

/** A note an agent or manager wrote about a call. */
@Entity({ name: 'call_notes' })
export class CallNoteEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column('uuid')
  tenantId: string;

  @Column('uuid')
  callId: string;

  @Column('text')
  content: string;

  @Column({ type: 'text', default: 'general' })
  category: NoteCategory;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
