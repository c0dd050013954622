import { Inject, Injectable, Logger } from '@nestjs/common';
import { MAX_SEARCH_LIMIT, type SearchHitDto, type SearchKnowledgeDto, type SearchMode, type SearchResultDto } from '@parley/contracts';
import { performance } from 'node:perf_hooks';
import { KNOWLEDGE_CONFIG, type KnowledgeConfig } from '../knowledge.config';
import { chunkFiltersOf, type ChunkFilters } from './chunk-filters';
import { Embedder } from './embedder';
import { FullTextRanker } from './full-text-ranker';
import { QueryEmbeddingCache } from './query-embedding-cache';
import { reciprocalRankFusion } from './reciprocal-rank-fusion';
import { SearchHitLoader } from './search-hit-loader';
import { VectorIndex, type VectorMatch } from './vector-index';

const DEFAULT_SEARCH_LIMIT = 10;

interface RankedId {
  chunkId: string;
  score: number;
  ranks: SearchHitDto['ranks'];
}

/**
 * Search over a tenant's chunks: full text always; with an embeddings provider, also the
 * nearest vectors, the two rankings fused by reciprocal rank. A provider outage degrades the
 * answer to full text, it never fails the search.
 */
@Injectable()
export class KnowledgeSearch {
  private readonly logger = new Logger(KnowledgeSearch.name);

  constructor(
    private readonly text: FullTextRanker,
    private readonly vectors: VectorIndex,
    private readonly embedder: Embedder,
    private readonly queryEmbeddings: QueryEmbeddingCache,
    private readonly hits: SearchHitLoader,
    @Inject(KNOWLEDGE_CONFIG) private readonly config: KnowledgeConfig,
  ) {}

  async search(tenantId: string, dto: SearchKnowledgeDto): Promise<SearchResultDto> {
    const started = performance.now();
    const query = dto.query.trim();
    const limit = Math.min(Math.max(dto.limit ?? DEFAULT_SEARCH_LIMIT, 1), MAX_SEARCH_LIMIT);
    const filters = chunkFiltersOf(dto.filters);
    const answer = (mode: SearchMode, hits: SearchHitDto[]): SearchResultDto => ({
      query: dto.query, mode, hits, took_ms: Number((performance.now() - started).toFixed(2)),
    });
    if (query.length === 0) return answer('full_text', []);

    const candidates = this.embedder.enabled ? Math.max(this.config.SEARCH_CANDIDATES, limit) : limit;
    const [text, nearest] = await Promise.all([
      this.text.rank(tenantId, query, candidates, filters),
      this.embedder.enabled ? this.nearest(tenantId, query, candidates, filters) : Promise.resolve(null),
    ]);

    const ranked: RankedId[] = nearest
      ? reciprocalRankFusion({ text: text.matches.map((m) => m.chunkId), vector: nearest.map((m) => m.chunkId) })
          .slice(0, limit)
          .map((f) => ({ chunkId: f.id, score: f.score, ranks: f.ranks }))
      : text.matches.slice(0, limit).map((m, i) => ({ chunkId: m.chunkId, score: m.rank, ranks: { text: i + 1, vector: null } }));

    const loaded = await this.hits.load(tenantId, ranked.map((r) => r.chunkId), text.tsquery);
    const hits = ranked.flatMap((r): SearchHitDto[] => {
      const hit = loaded.get(r.chunkId);
      return hit ? [{ ...hit, score: Number(r.score.toFixed(6)), ranks: r.ranks }] : [];
    });
    return answer(nearest ? 'hybrid' : 'full_text', hits);
  }

  /** Vector candidates, or null when the query could not be embedded (then: full text only). */
  private async nearest(tenantId: string, query: string, limit: number, filters: ChunkFilters): Promise<VectorMatch[] | null> {
    let vector: Float32Array;
    try {
      vector = await this.queryEmbeddings.embed(query);
    } catch (error) {
      this.logger.warn({ err: error, tenant_id: tenantId }, 'query embedding failed; answering from full text only');
      return null;
    }
    return this.vectors.nearest(tenantId, vector, limit, filters);
  }
}
