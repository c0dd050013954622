import { randomUUID } from 'node:crypto';
import { corruptPdf, htmlPage, pdfFixture, startTestSite } from '@parley/testing';
import { addMemberWithRole, Api, expectErrorBody, registerTenant, sharedPlatform } from './support/api';
import { documentForm, documentsOf, readyFaqDocument, search, settledDocuments } from './support/knowledge';
import { startGatewayReplica } from './support/platform';

const shared = sharedPlatform();
const { api } = shared;

const FAQ_TEXT = [
  'Q: What are your customer support hours on weekends?',
  'A: Our phone support line is open on Saturdays and Sundays from 9am to 5pm Eastern time.',
  '',
  'Q: How do I reset my account password?',
  'A: Choose "Forgot password" on the sign-in page and follow the link we email you.',
  '',
  'Q: Do you ship internationally?',
  'A: Yes, we deliver to more than 40 countries; customs fees are paid by the recipient.',
].join('\n');

const handbookPdf = () =>
  pdfFixture([
    {
      heading: 'Returns and refunds',
      paragraphs: [
        'Unused products can be sent back within 30 days of delivery for a full refund.',
        'Refunds are paid to the original card within five business days.',
      ],
    },
    {
      heading: 'Warranty',
      paragraphs: ['Every Acme espresso machine carries a two-year warranty covering the pump and the heating element.'],
    },
  ]);

// The first bytes of a Windows executable: no parser reads it, whatever the name says.
const EXE_BYTES = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(512, 0)]);

describe('knowledge documents through the gateway', () => {
  it('ingests a PDF and FAQ text from one form, then search answers a paraphrased question', async () => {
    const owner = await registerTenant(api, 'kb-pdf');
    const form = documentForm(
      [{ name: 'handbook.pdf', bytes: await handbookPdf(), type: 'application/pdf' }],
      { title: 'Help center', category: 'support', faq_text: FAQ_TEXT },
    );
    const res = await api.postForm('/api/v1/knowledge/documents', form, { token: owner.token });
    expect(res.status).toBe(202);
    const created = res.body.documents as Array<{ id: string; type: string; status: string; category: string }>;
    expect(created.map((d) => d.type).sort()).toEqual(['faq', 'pdf']);
    for (const doc of created) expect(doc).toMatchObject({ status: 'pending', category: 'support', knowledge_base: 'default' });

    const settled = await settledDocuments(api, owner, created.map((d) => d.id));
    const pdf = [...settled.values()].find((d) => d.type === 'pdf')!;
    const faq = [...settled.values()].find((d) => d.type === 'faq')!;
    expect(pdf).toMatchObject({ status: 'ready', error: null, page_count: 2, source: 'handbook.pdf' });
    expect(pdf.chunk_count).toBeGreaterThan(0);
    expect(faq).toMatchObject({ status: 'ready', error: null });
    expect(faq.chunk_count).toBeGreaterThanOrEqual(3);
    expect((await api.get(`/api/v1/knowledge/documents/${pdf.id}`, { token: owner.token })).body).toMatchObject({ id: pdf.id, status: 'ready' });

    const weekend = await search(api, owner, 'Can I phone someone for help on a Sunday?');
    expect(weekend[0]).toMatchObject({ source: { type: 'faq', document_id: faq.id, category: 'support' } });
    expect(weekend[0].heading).toMatch(/support hours on weekends/);
    expect(weekend[0].content).toMatch(/9am to 5pm/);
    expect(weekend[0].snippet).toMatch(/<mark>[^<]+<\/mark>/);

    const refund = await search(api, owner, 'how many days do I have to send an item back?');
    expect(refund[0]).toMatchObject({ source: { type: 'pdf', document_id: pdf.id } });
    expect(refund[0].content).toMatch(/30 days of delivery/);

    const onlyFaq = await search(api, owner, 'warranty on the espresso machine pump', { type: ['faq'] });
    expect(onlyFaq.every((hit) => hit.source.type === 'faq')).toBe(true);
    const warranty = await search(api, owner, 'warranty on the espresso machine pump', { type: ['pdf'] });
    expect(warranty[0].content).toMatch(/two-year warranty/);
  });

  it('crawls websites given in a JSON body, through the onboarding route too', async () => {
    const owner = await registerTenant(api, 'kb-site');
    const site = await startTestSite({
      '/': htmlPage('Acme Coffee', '<nav><a href="/">Home</a> <a href="/pricing">Pricing</a></nav><main><h1>Acme Coffee</h1><p>We roast beans in small batches every Monday.</p><a href="/pricing">See our plans</a></main>'),
      '/pricing': htmlPage('Pricing', '<main><h1>Pricing</h1><h2>Subscription</h2><p>The monthly bean subscription costs 24 dollars and ships on the first Tuesday of every month.</p></main>'),
    });
    try {
      const res = await api.post('/api/v1/onboarding/knowledge', { websites: [`${site.url}/`], category: 'website', title: 'Acme site' }, { token: owner.token });
      expect(res.status).toBe(202);
      expect(res.body.documents).toEqual([expect.objectContaining({ type: 'website', status: 'pending', source: `${site.url}/` })]);
      const id = res.body.documents[0].id as string;
      const doc = (await settledDocuments(api, owner, [id])).get(id)!;
      expect(doc).toMatchObject({ status: 'ready', error: null });
      expect(site.requests).toEqual(expect.arrayContaining(['/', '/pricing']));

      const hits = await search(api, owner, 'what does the monthly subscription cost?', { type: ['website'] });
      expect(hits[0]).toMatchObject({ source: { type: 'website', document_id: id, url: `${site.url}/pricing`, category: 'website' } });
      expect(hits[0].snippet).toMatch(/<mark>/);
      expect((await documentsOf(api, owner, '&type=website')).total).toBe(1);
    } finally {
      await site.close();
    }
  });

  it('refuses an unsupported file with 415 and stores none of the request', async () => {
    const owner = await registerTenant(api, 'kb-exe');
    const form = documentForm(
      [
        { name: 'notes.txt', bytes: 'Opening hours are nine to five.', type: 'text/plain' },
        { name: 'setup.exe', bytes: EXE_BYTES, type: 'application/octet-stream' },
      ],
      { faq_text: FAQ_TEXT },
    );
    const res = await api.postForm('/api/v1/knowledge/documents', form, { token: owner.token });
    expectErrorBody(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.message).toMatch(/setup\.exe/);
    expect((await documentsOf(api, owner)).total).toBe(0);
  });

  it('marks a corrupt PDF failed with a reason a user can act on', async () => {
    const owner = await registerTenant(api, 'kb-corrupt');
    const res = await api.postForm('/api/v1/knowledge/documents', documentForm([{ name: 'broken.pdf', bytes: corruptPdf(), type: 'application/pdf' }]), { token: owner.token });
    expect(res.status).toBe(202);
    const id = res.body.documents[0].id as string;
    const doc = (await settledDocuments(api, owner, [id])).get(id)!;
    expect(doc.status).toBe('failed');
    expect(doc.error).toEqual(expect.any(String));
    expect(doc.chunk_count).toBe(0);
    expect((await documentsOf(api, owner, '&status=failed')).data.map((d) => d.id)).toEqual([id]);
  });

  it('answers 413 for a file over UPLOAD_MAX_BYTES, keeping nothing, and 422 for too many files', async () => {
    const replica = await startGatewayReplica(shared.iso, { UPLOAD_MAX_BYTES: '2048' });
    try {
      const small = new Api(replica.baseUrl);
      const owner = await registerTenant(small, 'kb-large');
      const big = 'All work and no play makes a long manual.\n'.repeat(200);
      const form = documentForm(
        [{ name: 'short.txt', bytes: 'A short note.', type: 'text/plain' }, { name: 'manual.txt', bytes: big, type: 'text/plain' }],
        { faq_text: FAQ_TEXT },
      );
      expectErrorBody(await small.postForm('/api/v1/knowledge/documents', form, { token: owner.token }), 413, 'PAYLOAD_TOO_LARGE');
      expect((await documentsOf(small, owner)).total).toBe(0);

      const many = documentForm(Array.from({ length: 21 }, (_, i) => ({ name: `note-${i}.txt`, bytes: `Note number ${i}.`, type: 'text/plain' })));
      const tooMany = await small.postForm('/api/v1/knowledge/documents', many, { token: owner.token });
      expectErrorBody(tooMany, 422, 'VALIDATION_FAILED');
      expect(tooMany.body.error.details.fields).toHaveProperty('files');
      expect((await documentsOf(small, owner)).total).toBe(0);

      const fits = await small.postForm('/api/v1/knowledge/documents', documentForm([{ name: 'short.txt', bytes: 'A short note.', field: 'file', type: 'text/plain' }]), { token: owner.token });
      expect(fits.status).toBe(202);
      expect(fits.body.documents).toEqual([expect.objectContaining({ type: 'txt', source: 'short.txt' })]);
    } finally {
      await replica.close();
    }
  });

  it('answers 422 naming the fields for missing sources and bad values', async () => {
    const owner = await registerTenant(api, 'kb-bad');
    const path = '/api/v1/knowledge/documents';
    const empty = await api.post(path, {}, { token: owner.token });
    expectErrorBody(empty, 422, 'VALIDATION_FAILED');
    expect(Object.keys(empty.body.error.details.fields)).toEqual(expect.arrayContaining(['files', 'websites', 'faq_text']));
    expectErrorBody(await api.postForm(path, documentForm([], { title: 'Nothing here' }), { token: owner.token }), 422, 'VALIDATION_FAILED');

    const badUrl = await api.post(path, { websites: ['ftp://files.example.com/'] }, { token: owner.token });
    expect(badUrl.body.error.details.fields).toHaveProperty('websites');
    const badForm = await api.postForm(path, documentForm([], { websites: 'not a url', language: 'klingon', knowledge_base: 'Sales Team' }), { token: owner.token });
    expectErrorBody(badForm, 422, 'VALIDATION_FAILED');
    expect(Object.keys(badForm.body.error.details.fields)).toEqual(expect.arrayContaining(['websites', 'language', 'knowledge_base']));
    // Store names are the gateway's: a client naming one could read someone else's upload.
    const named = await api.post(path, { files: [{ upload: 'knowledge-document-guess', filename: 'a.pdf' }] }, { token: owner.token });
    expect(named.body.error.details.fields).toHaveProperty('files');
    const textFile = await api.postForm(path, documentForm([], { files: 'knowledge-document-guess' }), { token: owner.token });
    expect(textFile.body.error.details.fields).toHaveProperty('files');
    const unexpectedFile = await api.postForm(path, documentForm([{ name: 'a.txt', bytes: 'text', field: 'attachment' }]), { token: owner.token });
    expect(unexpectedFile.body.error.details.fields).toHaveProperty('attachment');

    expectErrorBody(await api.get('/api/v1/knowledge/documents?status=done', { token: owner.token }), 422, 'VALIDATION_FAILED');
    expectErrorBody(await api.get('/api/v1/knowledge/documents/not-a-uuid', { token: owner.token }), 422, 'VALIDATION_FAILED');
    expectErrorBody(await api.get(`/api/v1/knowledge/documents/${randomUUID()}`, { token: owner.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.post('/api/v1/knowledge/search', { query: '' }, { token: owner.token }), 422, 'VALIDATION_FAILED');
    expect((await documentsOf(api, owner)).total).toBe(0);
  });

  it('deletes a document and its chunks: search no longer finds them', async () => {
    const owner = await registerTenant(api, 'kb-delete');
    const keep = await readyFaqDocument(api, owner, 'Q: Where is the head office?\nA: The head office is in Lisbon, next to the river.');
    const drop = await readyFaqDocument(api, owner, 'Q: Which carrier delivers parcels?\nA: Parcels travel with Kestrel Freight, tracked door to door.');
    expect((await search(api, owner, 'Kestrel Freight parcels')).map((hit) => hit.source.document_id)).toContain(drop);

    const removed = await api.delete(`/api/v1/knowledge/documents/${drop}`, { token: owner.token });
    expect(removed.status).toBe(200);
    expect(typeof removed.body.message).toBe('string');
    expectErrorBody(await api.get(`/api/v1/knowledge/documents/${drop}`, { token: owner.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.delete(`/api/v1/knowledge/documents/${drop}`, { token: owner.token }), 404, 'NOT_FOUND');
    expect((await search(api, owner, 'Kestrel Freight parcels')).map((hit) => hit.source.document_id)).not.toContain(drop);
    expect((await search(api, owner, 'head office Lisbon'))[0].source.document_id).toBe(keep);
    expect((await documentsOf(api, owner)).data.map((d) => d.id)).toEqual([keep]);
  });

  it('lets a viewer read and search but not add documents or products', async () => {
    const owner = await registerTenant(api, 'kb-roles');
    const viewer = await addMemberWithRole(api, owner, 'viewer');
    await readyFaqDocument(api, owner, 'Q: Is parking free?\nA: Visitors park for free in the north garage.');
    expect((await documentsOf(api, viewer)).total).toBe(1);
    expect((await search(api, viewer, 'free parking for visitors')).length).toBeGreaterThan(0);
    expectErrorBody(await api.post('/api/v1/knowledge/documents', { faq_text: 'Q: a? A: b.' }, { token: viewer.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.post('/api/v1/knowledge/products', { name: 'Not allowed' }, { token: viewer.token }), 403, 'FORBIDDEN');
    expect((await api.get('/api/v1/knowledge/documents')).status).toBe(401);
  });
});

describe('the product catalog through the gateway', () => {
  it('creates, lists with a query or category, and gets products; they are searchable', async () => {
    const owner = await registerTenant(api, 'kb-products');
    const post = (body: Record<string, unknown>) => api.post('/api/v1/knowledge/products', body, { token: owner.token });
    const grinder = await post({
      name: 'Burr Grinder Pro', description: 'Conical steel burrs grind beans evenly for espresso or filter coffee.',
      category: 'equipment', price: 149.5, currency: 'EUR', sku: 'GR-PRO', features: ['40 grind settings', 'quiet motor'],
    });
    expect(grinder.status).toBe(201);
    expect(grinder.body).toMatchObject({
      name: 'Burr Grinder Pro', category: 'equipment', price: 149.5, currency: 'EUR', sku: 'GR-PRO',
      features: ['40 grind settings', 'quiet motor'], knowledge_base: 'default',
    });
    const kettle = await post({ name: 'Gooseneck Kettle', description: 'Pour water slowly and precisely for pour-over brewing.', category: 'equipment', price: 59 });
    const beans = await post({ name: 'House Espresso Beans', description: 'A chocolatey dark roast blend, one kilogram bag.', category: 'coffee', price: 21 });
    expect([kettle.status, beans.status]).toEqual([201, 201]);

    const ranked = await api.get('/api/v1/knowledge/products?query=which%20grinder%20has%20steel%20burrs', { token: owner.token });
    expect(ranked.status).toBe(200);
    expect(ranked.body.data[0].id).toBe(grinder.body.id);
    const equipment = await api.get('/api/v1/knowledge/products?category=equipment&limit=1', { token: owner.token });
    expect(equipment.body).toMatchObject({ total: 2, per_page: 1 });
    expect(equipment.body.data).toHaveLength(1);
    const newest = await api.get('/api/v1/knowledge/products', { token: owner.token });
    expect(newest.body.data.map((p: { id: string }) => p.id)).toEqual([beans.body.id, kettle.body.id, grinder.body.id]);

    const one = await api.get(`/api/v1/knowledge/products/${kettle.body.id}`, { token: owner.token });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(kettle.body);

    const hits = await search(api, owner, 'slow pour over kettle', { type: ['product'] });
    expect(hits[0].source).toMatchObject({ type: 'product', product_id: kettle.body.id, document_id: null });

    expectErrorBody(await post({ description: 'no name' }), 422, 'VALIDATION_FAILED');
    const badCurrency = await post({ name: 'Mug', currency: 'euro', price: -1 });
    expect(Object.keys(badCurrency.body.error.details.fields)).toEqual(expect.arrayContaining(['currency', 'price']));
    expectErrorBody(await post({ name: 'Another grinder', sku: 'GR-PRO' }), 409, 'CONFLICT');
    expectErrorBody(await api.get(`/api/v1/knowledge/products/${randomUUID()}`, { token: owner.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.get('/api/v1/knowledge/products?limit=500', { token: owner.token }), 422, 'VALIDATION_FAILED');
  });
});

describe('knowledge in OpenAPI', () => {
  it('documents every knowledge route with its bodies and query parameters', async () => {
    const doc = (await api.get('/docs-json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/v1/knowledge/documents', '/api/v1/knowledge/documents/{id}', '/api/v1/onboarding/knowledge',
      '/api/v1/knowledge/search', '/api/v1/knowledge/products', '/api/v1/knowledge/products/{id}',
    ]));
    for (const path of ['/api/v1/knowledge/documents', '/api/v1/onboarding/knowledge']) {
      const body = doc.paths[path].post.requestBody.content;
      expect(Object.keys(body).sort()).toEqual(['application/json', 'multipart/form-data']);
      expect(body['multipart/form-data'].schema.properties.files.items.format).toBe('binary');
      expect(body['application/json'].schema.$ref).toBe('#/components/schemas/CreateDocumentsDto');
    }
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.CreateDocumentsDto.properties)).toEqual(expect.arrayContaining(['websites', 'faq_text', 'title', 'knowledge_base']));
    expect(doc.paths['/api/v1/knowledge/search'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/SearchKnowledgeDto');
    expect(schemas.SearchKnowledgeDto.required).toEqual(['query']);
    expect(doc.paths['/api/v1/knowledge/products'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateProductDto');
    expect(schemas.CreateProductDto.required).toEqual(['name']);
    const names = (op: { parameters: Array<{ name: string }> }) => op.parameters.map((p) => p.name);
    expect(names(doc.paths['/api/v1/knowledge/documents'].get)).toEqual(expect.arrayContaining(['status', 'type', 'category', 'knowledge_base', 'page']));
    expect(names(doc.paths['/api/v1/knowledge/products'].get)).toEqual(expect.arrayContaining(['query', 'category', 'limit']));
    expect(doc.paths['/api/v1/knowledge/documents'].post.tags).toEqual(['knowledge']);
  });
});
