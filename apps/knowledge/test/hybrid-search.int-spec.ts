import { KnowledgeSubjects } from '@parley/contracts';
import { eventually, fakeEmbedding, startFakeOpenAI, type FakeOpenAI } from '@parley/testing';
import { chunkEmbeddingText } from '../src/index/chunk-embedding-text';
import { Embedder } from '../src/index/embedder';
import { EmbeddingBackfill } from '../src/index/embedding-backfill';
import { KnowledgeSearch } from '../src/index/knowledge-search';
import { PgvectorIndex } from '../src/index/pgvector-index';
import { PortableVectorIndex } from '../src/index/portable-vector-index';
import { decodeVector } from '../src/index/vector-codec';
import { VectorIndex } from '../src/index/vector-index';
import { bootKnowledge, tenantCtx, type KnowledgeHarness } from './support/knowledge-harness';
import { seedChunks, type SeedChunk } from './support/seeded-chunks';

const MODEL = 'text-embedding-3-small';

const HELP_CENTER: SeedChunk[] = [
  { content: 'The Premium tier is priced at $49 a month.' },
  { content: 'Every plan comes with premium email support.' },
  { content: 'Fees and charges appear on your invoice in dollars.' },
  { content: 'Refunds: we return your money within 30 days.' },
  { content: 'Our office is open Monday to Friday, 9am to 5pm.' },
  { content: 'You can terminate your subscription at any time from the settings page.' },
];
const [PRICING, PLAN_SUPPORT, REFUNDS, CANCELLING] = [0, 1, 3, 5];

describe('hybrid knowledge search (embeddings through an OpenAI-compatible API)', () => {
  let fake: FakeOpenAI;
  let svc: KnowledgeHarness;
  let textOnly: KnowledgeHarness;
  let tenant: string;
  let ids: string[];
  const search = (h: KnowledgeHarness, query: string, tenantId = tenant) => h.app.get(KnowledgeSearch).search(tenantId, { query });
  const embeddingCalls = () => fake.requests.filter((r) => r.path === '/v1/embeddings').length;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ dimensions: 256 });
    svc = await bootKnowledge({ EMBEDDINGS_BASE_URL: fake.baseURL, EMBEDDINGS_API_KEY: 'sk-test', EMBEDDINGS_MODEL: MODEL });
    // The same tables seen by a deployment without a provider (plain full text), on its own subjects.
    textOnly = await bootKnowledge({ DB_SCHEMA: svc.schema });
    tenant = tenantCtx().tenant_id as string;
    ids = await seedChunks(svc, tenant, HELP_CENTER);
  });
  afterAll(async () => {
    await textOnly?.close();
    await svc?.close();
    await fake?.close();
  });

  it('ranks vectors in the database where pgvector exists, exactly in memory elsewhere', async () => {
    const [{ pgvector }] = await svc.sql<{ pgvector: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = current_schema() AND table_name = 'chunks' AND column_name = 'embedding_vector') AS pgvector`,
    );
    expect(svc.app.get(VectorIndex)).toBeInstanceOf(pgvector ? PgvectorIndex : PortableVectorIndex);
    expect(svc.app.get(Embedder)).toMatchObject({ enabled: true, model: MODEL });
    expect(textOnly.app.get(Embedder).enabled).toBe(false);
  });

  it('ranks the right chunk first where plain text ranks another one first', async () => {
    const question = 'How much does the premium plan cost?';
    const plain = await search(textOnly, question);
    expect(plain.mode).toBe('full_text');
    expect(plain.hits.map((h) => h.chunk_id).slice(0, 2)).toEqual([ids[PLAN_SUPPORT], ids[PRICING]]);

    const hybrid = await search(svc, question);
    expect(hybrid.mode).toBe('hybrid');
    expect(hybrid.hits[0]).toMatchObject({ chunk_id: ids[PRICING], ranks: { text: 2, vector: 1 } });
    expect(hybrid.hits[0].snippet).toContain('<mark>Premium</mark>');
    const planSupport = hybrid.hits.find((h) => h.chunk_id === ids[PLAN_SUPPORT]);
    expect(planSupport?.ranks.text).toBe(1);
    expect(planSupport!.ranks.vector).toBeGreaterThan(2);
  });

  it('finds by meaning what shares no word with the question', async () => {
    const question = 'How do I quit?';
    expect((await search(textOnly, question)).hits).toEqual([]);

    const hybrid = await search(svc, question);
    expect(hybrid.mode).toBe('hybrid');
    expect(hybrid.hits[0]).toMatchObject({ chunk_id: ids[CANCELLING], ranks: { text: null, vector: 1 } });
    // No word to highlight: the snippet is the chunk's opening, escaped.
    expect(hybrid.hits[0].snippet).toBe(HELP_CENTER[CANCELLING].content);
  });

  it('embeds a repeated query once', async () => {
    const before = embeddingCalls();
    await search(svc, 'Can I get my money back?');
    const again = await search(svc, 'Can I get my money back?');
    expect(again.hits[0].chunk_id).toBe(ids[REFUNDS]);
    expect(embeddingCalls()).toBe(before + 1);
  });

  it('falls back to full text when the provider fails, and recovers after', async () => {
    const before = embeddingCalls();
    fake.failNext(503, 3); // the first call and the SDK's two retries
    const degraded = await search(svc, 'premium plan refunds');
    expect(degraded.mode).toBe('full_text');
    expect(degraded.hits.length).toBeGreaterThan(0);
    expect(degraded.hits.every((h) => h.ranks.vector === null && h.ranks.text !== null)).toBe(true);
    expect(embeddingCalls()).toBe(before + 3);

    const recovered = await search(svc, 'premium plan refunds');
    expect(recovered.mode).toBe('hybrid');
    expect(recovered.hits.some((h) => h.ranks.vector !== null)).toBe(true);
  });

  it('answers the knowledge.search request in hybrid mode', async () => {
    const result = await svc.bus.send(KnowledgeSubjects.search, { query: 'How do I quit?', limit: 2 }, tenantCtx({ tenant_id: tenant }));
    expect(result.mode).toBe('hybrid');
    expect(result.hits).toHaveLength(2);
    expect(result.hits[0].chunk_id).toBe(ids[CANCELLING]);
  });

  it('backfills vectors for chunks stored without them', async () => {
    const other = tenantCtx().tenant_id as string;
    const chunks = [{ heading: 'Shipping', content: 'Parcels are dispatched within two days by courier.' }, { content: 'Gift cards never expire.' }];
    const stored = await seedChunks(svc, other, chunks, { embed: false });
    svc.app.get(EmbeddingBackfill).nudge();
    const rows = await eventually(
      () => svc.sql<{ id: string; embedding: Buffer; embedding_model: string | null }>(
        `SELECT id, embedding, embedding_model FROM chunks WHERE tenant_id = $1 ORDER BY ordinal`, [other],
      ),
      (r) => r.every((row) => row.embedding_model === MODEL),
    );
    expect(rows.map((r) => r.id)).toEqual(stored);
    // The vector of the same text ingestion would have embedded (heading and content).
    const expected = fakeEmbedding(chunkEmbeddingText({ heading: 'Shipping', content: chunks[0].content }), 256);
    Array.from(decodeVector(rows[0].embedding)).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 5));

    const result = await search(svc, 'When will my delivery arrive?', other);
    expect(result.hits[0]).toMatchObject({ chunk_id: stored[0], ranks: { vector: 1 } });
  });

  it('keeps a tenant’s vectors in memory until its index generation moves', async () => {
    const index = svc.app.get(VectorIndex);
    if (!(index instanceof PortableVectorIndex)) return;
    const other = tenantCtx().tenant_id as string;
    const [refunds] = await seedChunks(svc, other, [{ content: 'Refunds are paid back to your card.' }, { content: 'We are closed on Sundays.' }]);
    const refundVector = (await svc.app.get(Embedder).embed(['refund']))[0];
    expect((await index.nearest(other, refundVector, 1, {}))[0].chunkId).toBe(refunds);

    // A change that bypasses ChunkStore does not move the generation: the cache still answers.
    await svc.sql(`DELETE FROM chunks WHERE id = $1`, [refunds]);
    expect((await index.nearest(other, refundVector, 1, {}))[0].chunkId).toBe(refunds);

    // A write through ChunkStore moves it: the next search reloads and sees both changes.
    const [reimbursement] = await seedChunks(svc, other, [{ content: 'Reimbursement reaches your card in a week.' }]);
    const after = await index.nearest(other, refundVector, 5, {});
    expect(after.map((m) => m.chunkId)).not.toContain(refunds);
    expect(after[0].chunkId).toBe(reimbursement);
  });

  it('re-embeds every chunk after the model changes', async () => {
    // A replica booted with another vector size: its vectors are another model's.
    const resized = await bootKnowledge(
      { EMBEDDINGS_BASE_URL: fake.baseURL, EMBEDDINGS_API_KEY: 'sk-test', EMBEDDINGS_MODEL: MODEL, EMBEDDINGS_DIMENSIONS: '128' },
      svc.iso,
    );
    try {
      const models = await eventually(
        () => resized.sql<{ embedding_model: string; dims: number }>(
          `SELECT DISTINCT embedding_model, length(embedding) / 4 AS dims FROM chunks WHERE tenant_id = $1`, [tenant],
        ),
        (rows) => rows.length === 1 && rows[0].embedding_model === `${MODEL}@128`,
      );
      expect(models).toEqual([{ embedding_model: `${MODEL}@128`, dims: 128 }]);
      const hybrid = await search(resized, 'How do I quit?');
      expect(hybrid.hits[0]).toMatchObject({ chunk_id: ids[CANCELLING], ranks: { vector: 1 } });
    } finally {
      await resized.close();
    }
  });
});
