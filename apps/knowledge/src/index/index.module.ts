import { Module } from '@nestjs/common';
import { ChunkStore } from './chunk-store';
import { Embedder } from './embedder';
import { embedderProvider } from './embedder.provider';
import { EmbeddingBackfill } from './embedding-backfill';
import { FullTextRanker } from './full-text-ranker';
import { KnowledgeSearch } from './knowledge-search';
import { KnowledgeSearchHandler } from './knowledge-search.handler';
import { QueryEmbeddingCache } from './query-embedding-cache';
import { SearchHitLoader } from './search-hit-loader';
import { vectorIndexProvider } from './vector-index.provider';

/**
 * Chunk storage, embeddings, vector ranking and search. Writers use ChunkStore (with vectors
 * from Embedder when it is enabled, text from chunkEmbeddingText) and nudge EmbeddingBackfill
 * when they store chunks without vectors.
 */
@Module({
  controllers: [KnowledgeSearchHandler],
  providers: [
    ChunkStore, embedderProvider, vectorIndexProvider, QueryEmbeddingCache, FullTextRanker, SearchHitLoader,
    KnowledgeSearch, EmbeddingBackfill,
  ],
  exports: [ChunkStore, Embedder, KnowledgeSearch, EmbeddingBackfill],
})
export class IndexModule {}
