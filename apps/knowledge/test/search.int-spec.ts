import { ErrorCode, KnowledgeSubjects, type KnowledgeSourceType, type SearchKnowledgeDto } from '@parley/contracts';
import { KnowledgeSearch } from '../src/index/knowledge-search';
import { bootKnowledge, tenantCtx, type KnowledgeHarness } from './support/knowledge-harness';
import { seedChunks, type SeedChunk } from './support/seeded-chunks';

const HELP_CENTER: SeedChunk[] = [
  { heading: 'Premium', content: 'The Premium plan costs $49 per month, billed monthly. It adds call recording and analytics.', category: 'Billing' },
  { heading: 'Basic', content: 'The Basic plan includes email support for one team.', category: 'Billing' },
  { heading: 'Refunds', content: 'Not happy? We give your money back within 30 days of purchase, no questions asked.', category: 'Billing' },
  { heading: 'Support hours', content: 'Our team answers calls Monday to Friday, 9am to 6pm Eastern time.', category: 'Support', type: 'pdf' },
  { heading: 'Enterprise', content: 'Enterprise customers get a dedicated team and a custom plan.', category: 'Sales', knowledgeBase: 'sales' },
  { content: 'Parley Voice Pro headset: noise cancelling microphone for call centers, plan-free purchase.', category: 'Hardware', type: 'product' },
];

describe('knowledge search (full text)', () => {
  let svc: KnowledgeHarness;
  let tenant: string;
  let ids: string[];
  const search = (dto: SearchKnowledgeDto, tenantId = tenant) => svc.app.get(KnowledgeSearch).search(tenantId, dto);

  beforeAll(async () => {
    svc = await bootKnowledge();
    tenant = tenantCtx().tenant_id as string;
    ids = await seedChunks(svc, tenant, HELP_CENTER);
  });
  afterAll(() => svc?.close());

  it('finds the chunk that answers a paraphrased question first', async () => {
    const price = await search({ query: 'how much do I pay for the premium plan each month?' });
    expect(price.mode).toBe('full_text');
    expect(price.hits[0].chunk_id).toBe(ids[0]);
    expect(price.hits[0].ranks).toEqual({ text: 1, vector: null });

    const refund = await search({ query: 'Can I get my money back?' });
    expect(refund.hits[0].chunk_id).toBe(ids[2]);

    const hours = await search({ query: 'When can I call your team?' });
    expect(hours.hits[0].chunk_id).toBe(ids[3]);
  });

  it('answers hits with their source, content, a highlighted snippet and decreasing scores', async () => {
    const result = await search({ query: 'premium plan price' });
    const [first] = result.hits;
    expect(first).toMatchObject({
      chunk_id: ids[0],
      heading: 'Premium',
      content: HELP_CENTER[0].content,
      source: { type: 'faq', document_id: expect.any(String), product_id: null, title: 'faq 0', url: null, category: 'Billing', knowledge_base: 'default' },
    });
    expect(first.snippet).toContain('<mark>Premium</mark>');
    expect(first.snippet).toContain('<mark>plan</mark>');
    const scores = result.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.took_ms).toBeGreaterThanOrEqual(0);
  });

  it('filters by category (any case), type and knowledge base', async () => {
    const billing = await search({ query: 'plan team', filters: { category: ['billing'] } });
    expect(billing.hits.length).toBeGreaterThan(0);
    expect(billing.hits.every((h) => h.source.category === 'Billing')).toBe(true);

    const products = await search({ query: 'plan call', filters: { type: ['product'] } });
    expect(products.hits.map((h) => h.chunk_id)).toEqual([ids[5]]);
    expect(products.hits[0].source).toMatchObject({ type: 'product', product_id: expect.any(String), document_id: null });

    const pdfOrProduct = await search({ query: 'call', filters: { type: ['pdf', 'product'] } });
    expect(new Set(pdfOrProduct.hits.map((h) => h.chunk_id))).toEqual(new Set([ids[3], ids[5]]));

    const sales = await search({ query: 'team plan', filters: { knowledge_base: ['sales'] } });
    expect(sales.hits.map((h) => h.chunk_id)).toEqual([ids[4]]);

    const none = await search({ query: 'plan', filters: { category: ['Billing'], knowledge_base: ['sales'] } });
    expect(none.hits).toEqual([]);
  });

  it('honours the limit', async () => {
    const all = await search({ query: 'plan team call' });
    expect(all.hits.length).toBeGreaterThan(2);
    const two = await search({ query: 'plan team call', limit: 2 });
    expect(two.hits.map((h) => h.chunk_id)).toEqual(all.hits.slice(0, 2).map((h) => h.chunk_id));
  });

  it('answers no hits, not an error, for a query of stop words or blanks', async () => {
    await expect(search({ query: 'the of and is' })).resolves.toMatchObject({ mode: 'full_text', hits: [] });
    await expect(search({ query: '   ' })).resolves.toMatchObject({ hits: [] });
    await expect(search({ query: 'xylophone' })).resolves.toMatchObject({ hits: [] });
  });

  it("never returns another tenant's chunks", async () => {
    const other = tenantCtx().tenant_id as string;
    const [theirs] = await seedChunks(svc, other, [{ heading: 'Premium', content: 'Premium plan pricing for the other company: $99 per month.' }]);
    const mine = await search({ query: 'premium plan pricing month' });
    expect(mine.hits.length).toBeGreaterThan(0);
    expect(mine.hits.map((h) => h.chunk_id)).not.toContain(theirs);
    const theirsResult = await search({ query: 'premium plan pricing month' }, other);
    expect(theirsResult.hits.map((h) => h.chunk_id)).toEqual([theirs]);
  });

  it('ranks chunks holding more of the question’s words above one repeating a single word', async () => {
    const spammy = tenantCtx().tenant_id as string;
    const [repeats, both, all] = await seedChunks(svc, spammy, [
      { content: 'Plan ahead: every plan, plans and planning. Plan, plan, plan.' },
      { content: 'Each plan has a price.' },
      { content: 'The premium plan has a monthly price.' },
    ]);
    const result = await search({ query: 'What is the monthly price of the premium plan?' }, spammy);
    expect(result.hits.map((h) => h.chunk_id)).toEqual([all, both, repeats]);
  });

  it('stems the query in each language the tenant has chunks in', async () => {
    const multilingual = tenantCtx().tenant_id as string;
    const [english, german] = await seedChunks(svc, multilingual, [
      { content: 'Delivery takes three working days.', language: 'en' },
      { content: 'Die Lieferungen dauern drei Werktage.', language: 'de' },
    ]);
    expect((await search({ query: 'deliveries' }, multilingual)).hits.map((h) => h.chunk_id)).toEqual([english]);
    expect((await search({ query: 'Lieferung' }, multilingual)).hits.map((h) => h.chunk_id)).toEqual([german]);
  });

  describe('over NATS (knowledge.search)', () => {
    it('answers the caller’s tenant only', async () => {
      const ctx = tenantCtx({ tenant_id: tenant });
      const result = await svc.bus.send(KnowledgeSubjects.search, { query: 'money back', filters: { category: ['Billing'] }, limit: 3 }, ctx);
      expect(result).toMatchObject({ query: 'money back', mode: 'full_text' });
      expect(result.hits[0].chunk_id).toBe(ids[2]);
      expect(result.hits[0].snippet).toMatch(/<mark>money<\/mark> <mark>back<\/mark>/);

      const stranger = await svc.bus.send(KnowledgeSubjects.search, { query: 'money back' }, tenantCtx());
      expect(stranger.hits).toEqual([]);
    });

    it('validates the request and requires a tenant', async () => {
      await expect(svc.bus.send(KnowledgeSubjects.search, { query: 'x', limit: 500 }, tenantCtx()))
        .rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
      await expect(svc.bus.send(KnowledgeSubjects.search, { query: '' }, tenantCtx()))
        .rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
      await expect(svc.bus.send(KnowledgeSubjects.search, { query: 'x', filters: { type: ['spreadsheet' as KnowledgeSourceType] } }, tenantCtx()))
        .rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
      await expect(svc.bus.send(KnowledgeSubjects.search, { query: 'plan' }, { tenant_id: null }))
        .rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    });
  });
});
