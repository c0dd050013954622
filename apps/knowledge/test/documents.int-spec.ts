import {
  ErrorCode, KnowledgeSubjects as S, type CreateDocumentsRequest, type DocumentDto, type RequestContext,
} from '@parley/contracts';
import { corruptPdf } from '@parley/testing';
import { chunksOf, putUpload, settled } from './support/document-uploads';
import { bootKnowledge, tenantCtx, type KnowledgeHarness } from './support/knowledge-harness';

const MAX_FILE_BYTES = 100_000;

const RETURNS_POLICY = 'Returns are accepted within thirty days of delivery. Items must be unused and in their original packaging. '
  + 'Refunds are paid to the original payment method within five business days after the parcel arrives at our warehouse.';
const SETUP_GUIDE = '# Setup guide\n\n## Installing the router\n\nPlug the router into the wall socket and wait for the green light.\n\n'
  + '## Connecting devices\n\nJoin the network printed on the label on the bottom of the router.\n';
const BILLING_FAQ = 'Q: When is my card charged?\nA: On the first day of every month.\n\n'
  + 'Q: Can I get an invoice?\nA: Yes, invoices are emailed after every payment.\n';
/** The first bytes of a PNG image: a type no parser reads. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('knowledge documents (requests, list, delete)', () => {
  let svc: KnowledgeHarness;
  beforeAll(async () => { svc = await bootKnowledge({ KNOWLEDGE_MAX_FILE_BYTES: String(MAX_FILE_BYTES) }); });
  afterAll(() => svc?.close());

  async function stored(ctx: Partial<RequestContext>): Promise<{ documents: number; sources: number }> {
    const [row] = await svc.sql<{ documents: number; sources: number }>(
      `SELECT (SELECT count(*)::int FROM documents WHERE tenant_id = $1) AS documents,
              (SELECT count(*)::int FROM document_sources WHERE tenant_id = $1) AS sources`,
      [ctx.tenant_id],
    );
    return row;
  }

  it('refuses a request with no files, websites or faq_text, naming those fields', async () => {
    const ctx = tenantCtx();
    await expect(svc.bus.send(S.createDocuments, { title: 'Nothing', files: [], websites: [], faq_text: '  \n' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
      details: { fields: { files: [expect.any(String)], websites: [expect.any(String)], faq_text: [expect.any(String)] } },
    });
    await expect(svc.bus.send(S.createDocuments, { faq_text: BILLING_FAQ, knowledge_base: 'Not Valid' }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, details: { fields: { knowledge_base: [expect.any(String)] } },
    });
    expect(await stored(ctx)).toEqual({ documents: 0, sources: 0 });
  });

  it('stores every source of a request as a pending document, drops the uploads, then ingests them', async () => {
    const ctx = tenantCtx();
    const txt = await putUpload(svc, 'returns-policy.txt', RETURNS_POLICY, 'text/plain');
    const md = await putUpload(svc, 'setup-guide.md', SETUP_GUIDE, 'text/markdown');
    const { documents } = await svc.bus.send(S.createDocuments, {
      files: [txt, md], faq_text: BILLING_FAQ, title: 'Help centre', category: 'support', knowledge_base: 'customer-care', language: 'en',
    }, ctx);

    expect(documents).toEqual([
      expect.objectContaining({ type: 'txt', title: 'Help centre (returns-policy.txt)', source: 'returns-policy.txt', size_bytes: Buffer.byteLength(RETURNS_POLICY) }),
      expect.objectContaining({ type: 'md', title: 'Help centre (setup-guide.md)', source: 'setup-guide.md', size_bytes: Buffer.byteLength(SETUP_GUIDE) }),
      expect.objectContaining({ type: 'faq', title: 'Help centre (FAQ)', source: null, size_bytes: Buffer.byteLength(BILLING_FAQ) }),
    ]);
    for (const doc of documents) {
      expect(doc).toMatchObject({
        status: 'pending', error: null, category: 'support', knowledge_base: 'customer-care', language: 'en',
        chunk_count: 0, page_count: null, metadata: {}, processed_at: null,
      });
      expect(new Date(doc.created_at).toISOString()).toBe(doc.created_at);
    }
    // The bytes moved into the database with the documents; the transfer store keeps nothing.
    for (const upload of [txt, md]) await expect(svc.bus.transfers().open(upload.upload)).rejects.toMatchObject({ code: ErrorCode.NotFound });

    const ready = await Promise.all(documents.map((doc) => settled(svc, doc.id, ctx)));
    for (const doc of ready) {
      expect(doc).toMatchObject({ status: 'ready', error: null });
      expect(doc.chunk_count).toBeGreaterThan(0);
      expect(doc.processed_at).not.toBeNull();
      expect(await chunksOf(svc, { documentId: doc.id })).toHaveLength(doc.chunk_count);
    }
    // Sources are kept only until their document is ingested.
    expect(await stored(ctx)).toEqual({ documents: 3, sources: 0 });
  });

  it('names documents by their source without a title, in the default language and knowledge base', async () => {
    const ctx = tenantCtx();
    const { documents: [doc] } = await svc.bus.send(S.createDocuments, { files: [await putUpload(svc, 'returns-policy.txt', RETURNS_POLICY)] }, ctx);
    expect(doc).toMatchObject({ title: 'returns-policy.txt', knowledge_base: 'default', language: 'en', category: null });
    const { documents: [faq] } = await svc.bus.send(S.createDocuments, { faq_text: BILLING_FAQ }, ctx);
    expect(faq).toMatchObject({ title: 'FAQ', type: 'faq' });
    await settled(svc, doc.id, ctx);
    await settled(svc, faq.id, ctx);
  });

  it('refuses an unsupported file with 415 naming it and the supported types, and stores none of the request', async () => {
    const ctx = tenantCtx();
    const good = await putUpload(svc, 'returns-policy.txt', RETURNS_POLICY, 'text/plain');
    const bad = await putUpload(svc, 'logo.png', PNG, 'image/png');
    await expect(svc.bus.send(S.createDocuments, { files: [good, bad], faq_text: BILLING_FAQ }, ctx)).rejects.toMatchObject({
      code: ErrorCode.UnsupportedMediaType,
      message: expect.stringContaining('logo.png'),
      details: { file: 'logo.png', supported_types: expect.arrayContaining(['PDF', 'DOCX', 'TXT', 'Markdown', 'HTML']) },
    });
    expect(await stored(ctx)).toEqual({ documents: 0, sources: 0 });
    // Refused uploads are dropped too.
    for (const upload of [good, bad]) await expect(svc.bus.transfers().open(upload.upload)).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  it('answers 413 for a file over the size limit and 422 for an empty one, storing nothing', async () => {
    const ctx = tenantCtx();
    const big = await putUpload(svc, 'huge.txt', 'word '.repeat(MAX_FILE_BYTES / 5 + 1), 'text/plain');
    await expect(svc.bus.send(S.createDocuments, { files: [big] }, ctx)).rejects.toMatchObject({
      code: ErrorCode.PayloadTooLarge, message: expect.stringContaining('huge.txt'), details: { file: 'huge.txt', max_bytes: MAX_FILE_BYTES },
    });
    const empty = await putUpload(svc, 'empty.txt', Buffer.alloc(0), 'text/plain');
    await expect(svc.bus.send(S.createDocuments, { files: [empty], faq_text: BILLING_FAQ }, ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed, details: { fields: { files: ['empty.txt is empty'] } },
    });
    expect(await stored(ctx)).toEqual({ documents: 0, sources: 0 });
  });

  describe('list', () => {
    const ctx = tenantCtx();
    let docs: Record<'faq' | 'txt' | 'md' | 'pdf', DocumentDto>;

    beforeAll(async () => {
      // One request each, oldest first: faq, txt, md, pdf.
      const create = async (data: CreateDocumentsRequest) => (await svc.bus.send(S.createDocuments, data, ctx)).documents[0];
      const faq = await create({ faq_text: BILLING_FAQ, category: 'billing', knowledge_base: 'support' });
      const txt = await create({ files: [await putUpload(svc, 'returns-policy.txt', RETURNS_POLICY)], category: 'policies' });
      const md = await create({ files: [await putUpload(svc, 'setup-guide.md', SETUP_GUIDE)], category: 'policies', knowledge_base: 'support' });
      const pdf = await create({ files: [await putUpload(svc, 'broken.pdf', corruptPdf(), 'application/pdf')] });
      const settledDocs = await Promise.all([faq, txt, md, pdf].map((doc) => settled(svc, doc.id, ctx)));
      docs = { faq: settledDocs[0], txt: settledDocs[1], md: settledDocs[2], pdf: settledDocs[3] };
    });

    const titles = async (query: Record<string, unknown>) =>
      (await svc.bus.send(S.listDocuments, query, ctx)).data.map((d) => d.title);

    it('shows the tenant documents newest first with their status (a Markdown file titled by its first heading)', async () => {
      const page = await svc.bus.send(S.listDocuments, {}, ctx);
      expect(page).toMatchObject({ total: 4, page: 1, per_page: 20, total_pages: 1 });
      expect(page.data.map((d) => [d.title, d.status])).toEqual([
        ['broken.pdf', 'failed'], ['Setup guide', 'ready'], ['returns-policy.txt', 'ready'], ['FAQ', 'ready'],
      ]);
      expect(page.data[0].error).toEqual(expect.any(String));
    });

    it('filters by status, type, category, knowledge base and search', async () => {
      expect(await titles({ status: 'failed' })).toEqual(['broken.pdf']);
      expect(await titles({ status: 'ready', type: 'md' })).toEqual(['Setup guide']);
      expect(await titles({ category: 'POLICIES' })).toEqual(['Setup guide', 'returns-policy.txt']);
      expect(await titles({ knowledge_base: 'support' })).toEqual(['Setup guide', 'FAQ']);
      // Search looks at titles and sources (file names, URLs).
      expect(await titles({ search: 'RETURNS' })).toEqual(['returns-policy.txt']);
      expect(await titles({ search: 'guide.md' })).toEqual(['Setup guide']);
      // LIKE wildcards in the search term are literal characters.
      expect(await titles({ search: '%' })).toEqual([]);
      expect(await titles({ search: '_' })).toEqual([]);
    });

    it('pages', async () => {
      const second = await svc.bus.send(S.listDocuments, { page: 2, per_page: 3 }, ctx);
      expect(second).toMatchObject({ total: 4, page: 2, per_page: 3, total_pages: 2 });
      expect(second.data.map((d) => d.id)).toEqual([docs.faq.id]);
      await expect(svc.bus.send(S.listDocuments, { per_page: 101 }, ctx)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    });

    it('gets one document', async () => {
      await expect(svc.bus.send(S.getDocument, { id: docs.md.id }, ctx)).resolves.toEqual(docs.md);
    });

    it('shows another tenant none of them, and answers 404 for their ids', async () => {
      const other = tenantCtx();
      await expect(svc.bus.send(S.listDocuments, {}, other)).resolves.toMatchObject({ total: 0, data: [] });
      await expect(svc.bus.send(S.getDocument, { id: docs.txt.id }, other)).rejects.toMatchObject({ code: ErrorCode.NotFound });
      await expect(svc.bus.send(S.deleteDocument, { id: docs.txt.id }, other)).rejects.toMatchObject({ code: ErrorCode.NotFound });
      expect(await chunksOf(svc, { documentId: docs.txt.id })).toHaveLength(docs.txt.chunk_count);
      await expect(svc.bus.send(S.getDocument, { id: docs.txt.id }, ctx)).resolves.toMatchObject({ status: 'ready' });
    });

    it('deletes a document with its chunks', async () => {
      const [before] = await svc.sql<{ generation: string }>('SELECT generation FROM index_state WHERE tenant_id = $1', [ctx.tenant_id]);
      await expect(svc.bus.send(S.deleteDocument, { id: docs.txt.id }, ctx)).resolves.toEqual({ message: 'document deleted' });
      expect(await chunksOf(svc, { documentId: docs.txt.id })).toEqual([]);
      await expect(svc.bus.send(S.getDocument, { id: docs.txt.id }, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
      await expect(svc.bus.send(S.deleteDocument, { id: docs.txt.id }, ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
      expect(await titles({})).toEqual(['broken.pdf', 'Setup guide', 'FAQ']);
      // Replicas' vector caches see the change.
      const [after] = await svc.sql<{ generation: string }>('SELECT generation FROM index_state WHERE tenant_id = $1', [ctx.tenant_id]);
      expect(Number(after.generation)).toBeGreaterThan(Number(before.generation));
    });
  });
});
