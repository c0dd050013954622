import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The bytes of an upload (or the pasted FAQ text) kept until its document is ingested. */
@Entity({ name: 'document_sources' })
export class DocumentSourceEntity {
  @PrimaryColumn('uuid')
  documentId: string;

  @Column('uuid')
  tenantId: string;

  @Column('bytea')
  content: Buffer;
}
