import { ErrorCode, KnowledgeSubjects as S, type CreateProductDto, type ProductDto, type RequestContext } from '@parley/contracts';
import { eventually, startFakeOpenAI, type FakeOpenAI } from '@parley/testing';
import { chunksOf } from './support/document-uploads';
import { bootKnowledge, tenantCtx, type KnowledgeHarness } from './support/knowledge-harness';

describe('knowledge products', () => {
  let svc: KnowledgeHarness;
  beforeAll(async () => { svc = await bootKnowledge(); });
  afterAll(() => svc?.close());

  const create = (data: CreateProductDto, ctx: Partial<RequestContext>) => svc.bus.send(S.createProduct, data, ctx);

  it('creates a product with one searchable chunk describing it', async () => {
    const ctx = tenantCtx();
    const product = await create({
      name: 'Solar Roof Kit', description: 'Twelve panels for a flat or pitched roof.', category: 'energy', price: 4999.5,
      currency: 'EUR', sku: 'SRK-12', features: ['25-year warranty', 'app monitoring'], metadata: { supplier: 'Helios' },
      knowledge_base: 'sales',
    }, ctx);
    expect(product).toEqual({
      id: expect.any(String), name: 'Solar Roof Kit', description: 'Twelve panels for a flat or pitched roof.', category: 'energy',
      price: 4999.5, currency: 'EUR', sku: 'SRK-12', features: ['25-year warranty', 'app monitoring'], metadata: { supplier: 'Helios' },
      knowledge_base: 'sales', created_at: expect.any(String), updated_at: expect.any(String),
    });
    expect(await chunksOf(svc, { productId: product.id })).toEqual([expect.objectContaining({
      source_type: 'product', document_id: null, title: 'Solar Roof Kit', heading: 'Solar Roof Kit', category: 'energy',
      knowledge_base: 'sales', language: 'english', has_embedding: false,
      content: 'Twelve panels for a flat or pitched roof.\nFeatures: 25-year warranty; app monitoring\nCategory: energy\nPrice: 4999.50 EUR\nSKU: SRK-12',
    })]);
    await expect(svc.bus.send(S.getProduct, { id: product.id }, ctx)).resolves.toEqual(product);
  });

  it('fills in defaults for a product given only a name', async () => {
    const product = await create({ name: 'Gift card' }, tenantCtx());
    expect(product).toMatchObject({
      description: null, category: null, price: null, currency: 'USD', sku: null, features: [], metadata: {}, knowledge_base: 'default',
    });
  });

  it('refuses a sku the tenant already uses (409), while another tenant may use it', async () => {
    const ctx = tenantCtx();
    await create({ name: 'Heat pump 8 kW', sku: 'HP-8' }, ctx);
    await expect(create({ name: 'Heat pump 8 kW (copy)', sku: 'HP-8' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.Conflict, details: { fields: { sku: [expect.stringContaining('HP-8')] } },
    });
    const [{ count }] = await svc.sql<{ count: number }>('SELECT count(*)::int AS count FROM chunks WHERE tenant_id = $1', [ctx.tenant_id]);
    expect(count).toBe(1);
    await expect(create({ name: 'Heat pump 8 kW', sku: 'HP-8' }, tenantCtx())).resolves.toMatchObject({ sku: 'HP-8' });
  });

  it('validates the payload', async () => {
    await expect(create({ name: 'Broken', price: -1, currency: 'euro' }, tenantCtx())).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, details: { fields: { price: [expect.any(String)], currency: [expect.any(String)] } },
    });
  });

  describe('list and search', () => {
    const ctx = tenantCtx();
    const products: Record<string, ProductDto> = {};

    beforeAll(async () => {
      // Oldest first.
      for (const data of [
        { name: 'Air Source Heat Pump', description: 'Heats the house and hot water from outside air, even at minus twenty degrees.', category: 'Heating', price: 8900 },
        { name: 'Smart Thermostat', description: 'Learns your schedule and lowers the heating when nobody is home.', category: 'Controls', price: 249 },
        { name: 'Home Battery', description: 'Stores solar power during the day for use in the evening.', category: 'Energy', price: 6400 },
        { name: 'Hybrid Heat Pump', description: 'Works beside your gas boiler and takes over most of the heating.', category: 'Heating', price: 4200 },
        { name: 'Solar Panel Set', description: 'Six roof panels that turn sunlight into electricity.', category: 'Energy', price: 3100 },
      ] satisfies CreateProductDto[]) {
        products[data.name] = await create(data, ctx);
      }
    });

    const names = (page: { data: ProductDto[] }) => page.data.map((p) => p.name);

    it('lists newest first, filtered by category, paged with per_page or its alias limit', async () => {
      const all = await svc.bus.send(S.listProducts, {}, ctx);
      expect(all).toMatchObject({ total: 5, page: 1, per_page: 20, total_pages: 1 });
      expect(names(all)).toEqual(['Solar Panel Set', 'Hybrid Heat Pump', 'Home Battery', 'Smart Thermostat', 'Air Source Heat Pump']);
      expect(names(await svc.bus.send(S.listProducts, { category: 'heating' }, ctx))).toEqual(['Hybrid Heat Pump', 'Air Source Heat Pump']);
      const limited = await svc.bus.send(S.listProducts, { limit: 2, page: 2 }, ctx);
      expect(limited).toMatchObject({ total: 5, page: 2, per_page: 2, total_pages: 3 });
      expect(names(limited)).toEqual(['Home Battery', 'Smart Thermostat']);
    });

    it('ranks by relevance to a query, within a category', async () => {
      const found = await svc.bus.send(S.listProducts, { query: 'solar power battery' }, ctx);
      expect(names(found)[0]).toBe('Home Battery');
      expect(names(found)).not.toContain('Smart Thermostat');
      expect(found.total).toBe(found.data.length);

      const heating = await svc.bus.send(S.listProducts, { query: 'heat pump', category: 'Heating' }, ctx);
      expect(names(heating).sort()).toEqual(['Air Source Heat Pump', 'Hybrid Heat Pump']);
      const paged = await svc.bus.send(S.listProducts, { query: 'heat pump', category: 'Heating', limit: 1, page: 2 }, ctx);
      expect(paged).toMatchObject({ total: 2, page: 2, per_page: 1, total_pages: 2 });
      expect(names(paged)).toEqual([names(heating)[1]]);
      expect(names(await svc.bus.send(S.listProducts, { query: 'heat pump', category: 'Energy' }, ctx))).toEqual([]);
    });

    it('is found by knowledge search as a product hit', async () => {
      const result = await svc.bus.send(S.search, { query: 'thermostat that learns my schedule', filters: { type: ['product'] } }, ctx);
      expect(result.hits[0]).toMatchObject({
        heading: 'Smart Thermostat',
        source: { type: 'product', product_id: products['Smart Thermostat'].id, document_id: null, title: 'Smart Thermostat', category: 'Controls' },
      });
    });

    it('is invisible to another tenant: 404 by id, absent from lists and search', async () => {
      const other = tenantCtx();
      await expect(svc.bus.send(S.getProduct, { id: products['Home Battery'].id }, other)).rejects.toMatchObject({ code: ErrorCode.NotFound });
      await expect(svc.bus.send(S.listProducts, {}, other)).resolves.toMatchObject({ total: 0, data: [] });
      await expect(svc.bus.send(S.listProducts, { query: 'battery' }, other)).resolves.toMatchObject({ total: 0, data: [] });
      await expect(svc.bus.send(S.search, { query: 'battery' }, other)).resolves.toMatchObject({ hits: [] });
    });
  });
});

describe('knowledge products with an embeddings provider', () => {
  let fake: FakeOpenAI;
  let svc: KnowledgeHarness;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ dimensions: 64 });
    svc = await bootKnowledge({ EMBEDDINGS_BASE_URL: fake.baseURL, EMBEDDINGS_API_KEY: 'sk-test' });
  });
  afterAll(async () => {
    await svc?.close();
    await fake?.close();
  });

  it('answers at once and gives the product chunk its vector shortly after', async () => {
    const product = await svc.bus.send(S.createProduct, { name: 'Smart Thermostat', description: 'Learns your schedule.' }, tenantCtx());
    const [chunk] = await eventually(() => chunksOf(svc, { productId: product.id }), (rows) => rows[0]?.has_embedding === true, 5_000);
    expect(chunk).toMatchObject({ source_type: 'product', heading: 'Smart Thermostat' });
  });
});
