import { Embedder } from '../embedder';
import { QueryEmbeddingCache } from '../query-embedding-cache';

/** A provider that counts its calls and can be made to fail. */
class CountingEmbedder extends Embedder {
  readonly enabled = true;
  readonly model = 'counting';
  calls: string[][] = [];
  failing = false;

  async embed(texts: string[]): Promise<Float32Array[]> {
    this.calls.push(texts);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (this.failing) throw new Error('provider down');
    return texts.map((t) => Float32Array.of(t.length));
  }
}

describe('QueryEmbeddingCache', () => {
  it('calls the provider once for a repeated query, including concurrent ones', async () => {
    const embedder = new CountingEmbedder();
    const cache = new QueryEmbeddingCache(embedder);
    const [a, b] = await Promise.all([cache.embed('refund policy'), cache.embed('  refund   policy ')]);
    const c = await cache.embed('refund policy');
    expect(embedder.calls).toEqual([['refund policy']]);
    expect(Array.from(a)).toEqual([13]);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('does not remember a failure', async () => {
    const embedder = new CountingEmbedder();
    const cache = new QueryEmbeddingCache(embedder);
    embedder.failing = true;
    await expect(cache.embed('hours')).rejects.toThrow('provider down');
    embedder.failing = false;
    await expect(cache.embed('hours')).resolves.toEqual(Float32Array.of(5));
    expect(embedder.calls).toHaveLength(2);
  });
});
