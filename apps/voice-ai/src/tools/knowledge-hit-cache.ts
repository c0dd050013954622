import { LRUCache } from 'lru-cache';
import type { SearchHitDto } from '@parley/contracts';

/** What a knowledge lookup asked: the same question of the same bases in the same tenant gets the same hits. */
export interface KnowledgeHitQuery {
  tenantId: string;
  knowledgeBases: readonly string[];
  query: string;
  limit: number;
}

export interface KnowledgeHitCacheOptions {
  /** How long hits are kept; 0 turns the cache off. */
  ttlMs: number;
  maxEntries: number;
  /** Milliseconds of a monotonic clock (tests move it); performance.now() by default. */
  now?: () => number;
}

const SEPARATOR = '\n';

/**
 * This replica's recent knowledge hits, because a lookup over NATS costs tens of milliseconds of a
 * spoken turn and callers ask the same things ("how much is it?"). Only answers with hits are kept:
 * an empty or failed lookup is asked again next time. A tenant's entries are dropped when its
 * knowledge changes on this replica's watch; a load that started before a drop is answered but not
 * kept, so it cannot put the old hits back. The hits themselves are shared between turns: read-only.
 */
export class KnowledgeHitCache {
  private readonly entries: LRUCache<string, SearchHitDto[]> | null;
  private generation = 0;

  constructor(options: KnowledgeHitCacheOptions) {
    this.entries = options.ttlMs > 0 && options.maxEntries > 0 ? new LRUCache({ max: options.maxEntries, ttl: options.ttlMs, ...(options.now ? { perf: { now: options.now } } : {}) }) : null;
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  async hits(query: KnowledgeHitQuery, load: () => Promise<SearchHitDto[]>): Promise<SearchHitDto[]> {
    if (this.entries === null) return load();
    const key = cacheKey(query);
    const cached = this.entries.get(key);
    // A copy of the list, so a caller reordering or trimming it leaves the cached one whole.
    if (cached !== undefined) return [...cached];
    const generation = this.generation;
    const hits = await load();
    if (hits.length > 0 && generation === this.generation) this.entries.set(key, hits);
    return hits;
  }

  /** The tenant's knowledge changed: its hits are looked up afresh. Returns how many entries went. */
  dropTenant(tenantId: string): number {
    this.generation += 1;
    if (this.entries === null) return 0;
    const prefix = `${tenantId}${SEPARATOR}`;
    let dropped = 0;
    // A walk over at most maxEntries keys, once per document ingested: cheaper than an index per tenant kept on every lookup.
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(prefix) && this.entries.delete(key)) dropped++;
    }
    return dropped;
  }
}

/**
 * Tenant, bases in any order, limit, and the question as knowledge reads it: case, spacing and the
 * punctuation around it do not change what full-text search matches.
 */
export function cacheKey(query: KnowledgeHitQuery): string {
  const bases = [...new Set(query.knowledgeBases)].sort().join(',');
  return [query.tenantId, bases, String(query.limit), normaliseQuery(query.query)].join(SEPARATOR);
}

export function normaliseQuery(query: string): string {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}
