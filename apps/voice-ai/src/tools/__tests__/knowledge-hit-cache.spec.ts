import type { SearchHitDto } from '@parley/contracts';
import { cacheKey, KnowledgeHitCache, type KnowledgeHitQuery } from '../knowledge-hit-cache';

const TENANT = '7d3c1c52-4a43-4b59-9d7e-0b8c2f0e0a01';
const OTHER_TENANT = '0e6a9d1f-2b6f-4d8e-a1c3-5f7b9d2e4c02';

function hit(chunkId: string): SearchHitDto {
  return {
    chunk_id: chunkId, score: 0.8, heading: 'Pricing', snippet: 'The Growth plan costs', content: 'The Growth plan costs $149 a month.',
    source: { type: 'faq', document_id: 'd1', product_id: null, title: 'Pricing FAQ', url: null, category: null, knowledge_base: 'sales' },
    ranks: { text: 1, vector: null },
  };
}

function question(overrides: Partial<KnowledgeHitQuery> = {}): KnowledgeHitQuery {
  return { tenantId: TENANT, knowledgeBases: ['sales'], query: 'How much is the Growth plan?', limit: 3, ...overrides };
}

/** A knowledge search double that counts the lookups it answers. */
function knowledge(hits: SearchHitDto[] = [hit('c1')]) {
  const calls: string[] = [];
  return { calls, load: (label = 'lookup') => async () => { calls.push(label); return hits; } };
}

describe('KnowledgeHitCache', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-03-02T15:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('answers a question asked again from the cache, whatever its case, spacing and punctuation', async () => {
    const cache = new KnowledgeHitCache({ ttlMs: 30_000, maxEntries: 100 });
    const search = knowledge();

    expect(await cache.hits(question(), search.load())).toEqual([hit('c1')]);
    expect(await cache.hits(question({ query: '  how much is the  GROWTH plan ' }), search.load())).toEqual([hit('c1')]);

    expect(search.calls).toHaveLength(1);
    expect(cache.size).toBe(1);
  });

  it('keeps tenants, knowledge bases and limits apart; the order of the bases does not matter', async () => {
    const cache = new KnowledgeHitCache({ ttlMs: 30_000, maxEntries: 100 });
    const search = knowledge();

    await cache.hits(question({ knowledgeBases: ['sales', 'support'] }), search.load('sales+support'));
    await cache.hits(question({ knowledgeBases: ['support', 'sales'] }), search.load('support+sales'));
    await cache.hits(question({ tenantId: OTHER_TENANT, knowledgeBases: ['sales', 'support'] }), search.load('other tenant'));
    await cache.hits(question({ knowledgeBases: [] }), search.load('all bases'));
    await cache.hits(question({ knowledgeBases: ['sales', 'support'], limit: 5 }), search.load('limit 5'));
    await cache.hits(question({ knowledgeBases: ['sales', 'support'], query: 'Is there a free trial?' }), search.load('another question'));

    expect(search.calls).toEqual(['sales+support', 'other tenant', 'all bases', 'limit 5', 'another question']);
  });

  it('looks the question up again once its entry is older than the TTL', async () => {
    const cache = new KnowledgeHitCache({ ttlMs: 30_000, maxEntries: 100, now: () => Date.now() });
    const search = knowledge();

    await cache.hits(question(), search.load());
    jest.advanceTimersByTime(29_000);
    await cache.hits(question(), search.load());
    expect(search.calls).toHaveLength(1);

    jest.advanceTimersByTime(2_000);
    await cache.hits(question(), search.load());
    expect(search.calls).toHaveLength(2);
  });

  it('does not keep an empty answer (nothing found, or knowledge failed or timed out)', async () => {
    const cache = new KnowledgeHitCache({ ttlMs: 30_000, maxEntries: 100 });
    const empty = knowledge([]);

    expect(await cache.hits(question(), empty.load())).toEqual([]);
    expect(await cache.hits(question(), empty.load())).toEqual([]);

    expect(empty.calls).toHaveLength(2);
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used question beyond its size', async () => {
    const cache = new KnowledgeHitCache({ ttlMs: 30_000, maxEntries: 2 });
    const search = knowledge();

    await cache.hits(question({ query: 'first' }), search.load('first'));
    await cache.hits(question({ query: 'second' }), search.load('second'));
    await cache.hits(question({ query: 'first' }), search.load('first again'));
    await cache.hits(question({ query: 'third' }), search.load('third'));
    await cache.hits(question({ query: 'first' }), search.load('first, still kept'));
    await cache.hits(question({ query: 'second' }), search.load('second, evicted'));

    expect(search.calls).toEqual(['first', 'second', 'third', 'second, evicted']);
  });

  it("drops one tenant's hits when its knowledge changes, and only that tenant's", async () => {
    const cache = new KnowledgeHitCache({ ttlMs: 30_000, maxEntries: 100 });
    const search = knowledge();
    await cache.hits(question({ query: 'price' }), search.load());
    await cache.hits(question({ query: 'trial' }), search.load());
    await cache.hits(question({ tenantId: OTHER_TENANT }), search.load());

    expect(cache.dropTenant(TENANT)).toBe(2);

    await cache.hits(question({ query: 'price' }), search.load('price after the drop'));
    await cache.hits(question({ tenantId: OTHER_TENANT }), search.load('other tenant, still cached'));
    expect(search.calls.slice(3)).toEqual(['price after the drop']);
  });

  it('answers but does not keep a lookup that started before a drop: it may predate the new document', async () => {
    const cache = new KnowledgeHitCache({ ttlMs: 30_000, maxEntries: 100 });
    let finish!: (hits: SearchHitDto[]) => void;
    const inFlight = cache.hits(question(), () => new Promise<SearchHitDto[]>((resolve) => { finish = resolve; }));

    cache.dropTenant(TENANT);
    finish([hit('old')]);

    expect(await inFlight).toEqual([hit('old')]);
    expect(cache.size).toBe(0);
  });

  it('hands out a copy of the list, so a caller changing it leaves the cached answer whole', async () => {
    const cache = new KnowledgeHitCache({ ttlMs: 30_000, maxEntries: 100 });
    const search = knowledge([hit('c1'), hit('c2')]);
    await cache.hits(question(), search.load());

    (await cache.hits(question(), search.load())).splice(0, 1);

    expect((await cache.hits(question(), search.load())).map((h) => h.chunk_id)).toEqual(['c1', 'c2']);
  });

  it('is off with a TTL of 0: every question is looked up', async () => {
    const cache = new KnowledgeHitCache({ ttlMs: 0, maxEntries: 100 });
    const search = knowledge();

    await cache.hits(question(), search.load());
    await cache.hits(question(), search.load());

    expect(search.calls).toHaveLength(2);
    expect(cache.size).toBe(0);
    expect(cache.dropTenant(TENANT)).toBe(0);
  });
});

describe('cacheKey', () => {
  it('reads the question as full-text search does: case, spacing, surrounding punctuation aside', () => {
    expect(cacheKey(question({ query: 'How much is the Growth plan?' }))).toBe(cacheKey(question({ query: 'how much is the growth   plan' })));
    expect(cacheKey(question({ query: 'How much is the Growth plan?' }))).not.toBe(cacheKey(question({ query: 'How much is the Starter plan?' })));
  });
});
