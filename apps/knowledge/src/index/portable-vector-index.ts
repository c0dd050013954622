import { Logger } from '@nestjs/common';
import { TenantDb } from '@parley/platform';
import { LRUCache } from 'lru-cache';
import { chunkFilterPredicate, type ChunkFilters } from './chunk-filters';
import type { Embedder } from './embedder';
import { TopK } from './top-k';
import { decodeVector, unitScale } from './vector-codec';
import { VectorMatrix } from './vector-matrix';
import type { VectorIndex, VectorMatch } from './vector-index';

/** Rough per-row cost of the id and filter columns beside the matrix. */
const ROW_OVERHEAD_BYTES = 160;

/** One tenant's vectors of the current model, as of one index generation. */
interface TenantVectors {
  generation: string;
  dimensions: number;
  ids: string[];
  sourceTypes: string[];
  /** Lower-cased, as filters compare them. */
  categories: Array<string | null>;
  knowledgeBases: string[];
  /** One unit vector per row, scored with SIMD. */
  matrix: VectorMatrix;
}

interface VectorRow {
  id: string;
  source_type: string;
  category: string | null;
  knowledge_base: string;
  embedding: Buffer;
}

/** The query at unit length, so that a dot product with a stored unit vector is the cosine. */
function unit(vector: Float32Array): Float32Array {
  const scale = unitScale(vector);
  return Float32Array.from(vector, (x) => x * scale);
}

/**
 * Exact cosine ranking in memory over the portable float32 column, for databases without
 * pgvector. Each tenant's vectors are loaded once into one matrix and kept while the tenant's
 * index generation (bumped by every chunk write, on any replica) is unchanged: a search costs
 * one primary-key read plus a scan of the matrix.
 */
export class PortableVectorIndex implements VectorIndex {
  private readonly logger = new Logger(PortableVectorIndex.name);
  private readonly cache: LRUCache<string, TenantVectors>;
  private readonly loading = new Map<string, Promise<TenantVectors>>();

  constructor(
    private readonly db: TenantDb,
    private readonly embedder: Embedder,
    /** Memory the cached vectors of all tenants may take; least recently searched tenants go first. */
    cacheBytes: number,
  ) {
    this.cache = new LRUCache<string, TenantVectors>({
      maxSize: cacheBytes,
      sizeCalculation: (v) => Math.max(1, v.matrix.byteLength + v.ids.length * ROW_OVERHEAD_BYTES),
    });
  }

  async nearest(tenantId: string, vector: Float32Array, limit: number, filters: ChunkFilters): Promise<VectorMatch[]> {
    const vectors = await this.vectorsOf(tenantId);
    const rows = vectors.ids.length;
    const d = vectors.dimensions;
    if (rows === 0 || limit <= 0) return [];
    if (vector.length !== d) {
      this.logger.warn({ tenant_id: tenantId, query_dimensions: vector.length, stored_dimensions: d }, 'query vector size differs from the stored vectors');
      return [];
    }
    const query = unit(vector);
    const accept = chunkFilterPredicate(filters);
    const { matrix, categories, sourceTypes, knowledgeBases } = vectors;
    const top = new TopK(limit);
    const scores = matrix.scores(query);
    for (let row = 0; row < rows; row++) {
      if (accept && !accept(categories[row], sourceTypes[row], knowledgeBases[row])) continue;
      top.push(row, scores[row]);
    }
    return top.sorted().map(({ item, score }) => ({ chunkId: vectors.ids[item], similarity: score }));
  }

  /** The cached vectors if the tenant's generation has not moved, else a fresh load. */
  private async vectorsOf(tenantId: string): Promise<TenantVectors> {
    const generation = await this.generationOf(tenantId);
    const cached = this.cache.get(tenantId);
    if (cached?.generation === generation) return cached;
    // Searches arriving during a load share it.
    const key = `${tenantId}:${generation}`;
    let load = this.loading.get(key);
    if (!load) {
      load = this.load(tenantId, generation).finally(() => this.loading.delete(key));
      this.loading.set(key, load);
    }
    return load;
  }

  private async generationOf(tenantId: string): Promise<string> {
    const rows: Array<{ generation: string }> = await this.db.dataSource.query(
      `SELECT generation::text AS generation FROM index_state WHERE tenant_id = $1`, [tenantId],
    );
    return rows[0]?.generation ?? '0';
  }

  /**
   * Loads after reading the generation: a write committed in between makes the next search
   * see a newer generation and load again, so a cache is never newer than its label claims.
   */
  private async load(tenantId: string, generation: string): Promise<TenantVectors> {
    const rows: VectorRow[] = await this.db.dataSource.query(
      `SELECT id, source_type, lower(category) AS category, knowledge_base, embedding
         FROM chunks
        WHERE tenant_id = $1 AND embedding_model = $2 AND embedding IS NOT NULL`,
      [tenantId, this.embedder.model],
    );
    const dimensions = rows.length > 0 ? rows[0].embedding.length / 4 : 0;
    // A provider that changed its vector size under one model name: keep the first size only.
    const usable = rows.filter((r) => r.embedding.length === dimensions * 4);
    const matrix = new VectorMatrix(usable.length, dimensions);
    usable.forEach((r, i) => decodeVector(r.embedding, matrix.row(i)));
    const vectors: TenantVectors = {
      generation, dimensions, matrix,
      ids: usable.map((r) => r.id),
      sourceTypes: usable.map((r) => r.source_type),
      categories: usable.map((r) => r.category),
      knowledgeBases: usable.map((r) => r.knowledge_base),
    };
    this.cache.set(tenantId, vectors);
    return vectors;
  }
}
