import { TenantDb } from '@parley/platform';
import { chunkFilterSql, type ChunkFilters } from './chunk-filters';
import type { Embedder } from './embedder';
import { encodeVector, pgvectorLiteral } from './vector-codec';
import type { VectorIndex, VectorMatch } from './vector-index';

/**
 * Ranking by the database where pgvector exists: cosine distance over the `vector` column,
 * filtered like the full-text ranking. The operator is schema-qualified because the extension
 * lives in `public` while the service's search_path is its own schema.
 */
export class PgvectorIndex implements VectorIndex {
  constructor(
    private readonly db: TenantDb,
    private readonly embedder: Embedder,
  ) {}

  async nearest(tenantId: string, vector: Float32Array, limit: number, filters: ChunkFilters): Promise<VectorMatch[]> {
    const where = chunkFilterSql(filters, 'c', 5);
    const rows: Array<{ id: string; distance: number }> = await this.db.dataSource.query(
      `SELECT c.id, c.embedding_vector OPERATOR(public.<=>) $2::public.vector AS distance
         FROM chunks c
        WHERE c.tenant_id = $1 AND c.embedding_model = $3 AND c.embedding_vector IS NOT NULL ${where.sql}
        ORDER BY c.embedding_vector OPERATOR(public.<=>) $2::public.vector
        LIMIT $4`,
      [tenantId, pgvectorLiteral(encodeVector(vector)), this.embedder.model, limit, ...where.params],
    );
    return rows.map((r) => ({ chunkId: r.id, similarity: 1 - Number(r.distance) }));
  }
}
