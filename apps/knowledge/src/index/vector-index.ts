import type { ChunkFilters } from './chunk-filters';

export interface VectorMatch {
  chunkId: string;
  /** Cosine similarity, -1..1. */
  similarity: number;
}

/**
 * Nearest chunks to a query vector among one tenant's chunks embedded with the current model.
 * Two implementations: pgvector in the database, or exact ranking in memory over the portable
 * float32 column (see VECTOR_INDEX).
 */
export abstract class VectorIndex {
  abstract nearest(tenantId: string, vector: Float32Array, limit: number, filters: ChunkFilters): Promise<VectorMatch[]>;
}
