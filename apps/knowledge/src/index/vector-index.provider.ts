import type { Provider } from '@nestjs/common';
import { TenantDb } from '@parley/platform';
import { KNOWLEDGE_CONFIG, type KnowledgeConfig } from '../knowledge.config';
import { ChunkStore } from './chunk-store';
import { Embedder } from './embedder';
import { PgvectorIndex } from './pgvector-index';
import { PortableVectorIndex } from './portable-vector-index';
import { VectorIndex } from './vector-index';

export type VectorIndexKind = 'pgvector' | 'portable';

/**
 * Which ranking a deployment gets. Asking for pgvector where the column is missing is a
 * configuration error, refused at boot rather than discovered at the first search.
 */
export function chooseVectorIndex(setting: string, hasPgvectorColumn: boolean): VectorIndexKind {
  if (setting === 'portable') return 'portable';
  if (setting === 'auto') return hasPgvectorColumn ? 'pgvector' : 'portable';
  if (setting === 'pgvector') {
    if (hasPgvectorColumn) return 'pgvector';
    throw new Error(
      'VECTOR_INDEX=pgvector, but chunks has no embedding_vector column: the database lacks the pgvector extension ' +
        '(install it and restart so the migration adds the column, or set VECTOR_INDEX=auto or portable)',
    );
  }
  throw new Error(`VECTOR_INDEX must be auto, pgvector or portable, not "${setting}"`);
}

export const vectorIndexProvider: Provider = {
  provide: VectorIndex,
  inject: [KNOWLEDGE_CONFIG, ChunkStore, TenantDb, Embedder],
  useFactory: async (config: KnowledgeConfig, store: ChunkStore, db: TenantDb, embedder: Embedder): Promise<VectorIndex> =>
    chooseVectorIndex(config.VECTOR_INDEX, await store.detectPgvectorColumn()) === 'pgvector'
      ? new PgvectorIndex(db, embedder)
      : new PortableVectorIndex(db, embedder, config.VECTOR_CACHE_MB * 1024 * 1024),
};
