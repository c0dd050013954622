import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Embedder } from './embedder';

const MAX_QUERIES = 2000;

/**
 * Query vectors by query text: agents ask the same questions over and over, and each provider
 * call costs latency and money. Concurrent misses for one text share one call; failures are
 * not cached.
 */
@Injectable()
export class QueryEmbeddingCache {
  private readonly cache = new LRUCache<string, Float32Array>({
    max: MAX_QUERIES,
    fetchMethod: async (text) => (await this.embedder.embed([text]))[0],
  });

  constructor(private readonly embedder: Embedder) {}

  async embed(query: string): Promise<Float32Array> {
    const text = query.trim().replace(/\s+/g, ' ');
    const vector = await this.cache.fetch(text);
    if (!vector) throw new Error('the embeddings provider answered no vector for the query');
    return vector;
  }
}
