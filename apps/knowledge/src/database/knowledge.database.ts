import type { ServiceDatabase } from '@parley/platform';
import { DocumentSourceEntity } from '../document/document-source.entity';
import { DocumentEntity } from '../document/document.entity';
import { ProductEntity } from '../product/product.entity';
import { CreateKnowledgeTables1767000000000 } from './migrations/1767000000000-create-knowledge-tables';
import { AddPgvectorColumn1767000000100 } from './migrations/1767000000100-add-pgvector-column';

/** Chunks and index state are written with set-based SQL (ChunkStore), so they have no entities. */
export const knowledgeDatabase: ServiceDatabase = {
  entities: [DocumentEntity, DocumentSourceEntity, ProductEntity],
  migrations: [CreateKnowledgeTables1767000000000, AddPgvectorColumn1767000000100],
};
