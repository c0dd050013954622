import { registerTenant, sharedPlatform, type TestTenant } from './support/api';
import { expectTenantIsolation } from './support/cross-tenant';
import { readyFaqDocument, search } from './support/knowledge';

const { api } = sharedPlatform();

describe('a tenant never sees another tenant\'s knowledge', () => {
  let a: TestTenant;
  let b: TestTenant;
  beforeEach(async () => {
    [a, b] = await Promise.all([registerTenant(api, 'kb-a'), registerTenant(api, 'kb-b')]);
  });

  const ids = (body: { data: Array<{ id: string }> }) => body.data.map((row) => row.id);

  it('documents', () =>
    expectTenantIsolation(api, a, b, {
      name: 'document',
      // Ready before the checks, so that A's snapshots before and after compare the same row.
      create: (owner) => readyFaqDocument(api, owner, 'Q: What is the secret discount code?\nA: The code is ZEPHYR-42, valid until June.'),
      read: (id) => `/api/v1/knowledge/documents/${id}`,
      list: { path: '/api/v1/knowledge/documents', ids },
      remove: (id) => `/api/v1/knowledge/documents/${id}`,
    }));

  it('products', () =>
    expectTenantIsolation(api, a, b, {
      name: 'product',
      create: async (owner) =>
        (await api.post('/api/v1/knowledge/products', { name: 'Secret Roast', description: 'An unreleased zephyr blend.', sku: 'SECRET-1' }, { token: owner.token })).body.id,
      read: (id) => `/api/v1/knowledge/products/${id}`,
      list: { path: '/api/v1/knowledge/products', ids },
    }));

  it('search and ranked lists never reach another tenant\'s documents or products', async () => {
    const document = await readyFaqDocument(api, a, 'Q: Which warehouse stores the zephyr beans?\nA: The zephyr beans are kept in the Porto warehouse.');
    const product = (await api.post('/api/v1/knowledge/products', { name: 'Zephyr Blend', description: 'Zephyr beans, medium roast.' }, { token: a.token })).body.id;
    const mine = await search(api, a, 'zephyr beans warehouse');
    expect(mine.map((hit) => hit.source.document_id ?? hit.source.product_id)).toEqual(expect.arrayContaining([document, product]));

    expect(await search(api, b, 'zephyr beans warehouse')).toEqual([]);
    expect(await search(api, b, 'zephyr', { type: ['product', 'faq'] })).toEqual([]);
    const ranked = await api.get('/api/v1/knowledge/products?query=zephyr', { token: b.token });
    expect(ranked.body).toMatchObject({ total: 0, data: [] });
    // B's own content with the same words is found, and only it.
    const own = await readyFaqDocument(api, b, 'Q: Do you sell zephyr beans?\nA: No, we only sell our own zephyr-free roasts.');
    expect((await search(api, b, 'zephyr beans')).map((hit) => hit.source.document_id)).toEqual([own]);
  });
});
