import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KnowledgeSubjects as S, type RequestContext, type UploadedFileDto } from '@parley/contracts';
import {
  corruptPdf, docxFixture, eventually, htmlPage, imageOnlyPdf, isolation, pdfFixture, startFakeOpenAI, startTestSite, type FakeOpenAI,
} from '@parley/testing';
import { chunksOf, putUpload, settled } from './support/document-uploads';
import { bootKnowledge, tenantCtx, type KnowledgeHarness } from './support/knowledge-harness';

const WARRANTY = 'Every Acme heat pump carries a seven year warranty on parts and labour, registered automatically at installation.';
const SHIPPING = 'Orders ship from the Rotterdam warehouse within two working days and arrive by courier with tracking.';

describe('document ingestion worker', () => {
  let svc: KnowledgeHarness;
  beforeAll(async () => { svc = await bootKnowledge(); });
  afterAll(() => svc?.close());

  async function ingest(ctx: Partial<RequestContext>, files: UploadedFileDto[]) {
    const { documents } = await svc.bus.send(S.createDocuments, { files }, ctx);
    return settled(svc, documents[0].id, ctx);
  }

  async function eventsFor(type: 'knowledge.document.ready' | 'knowledge.document.failed', documentId: string) {
    return (await svc.outbox(type)).filter((e) => e.data['document_id'] === documentId);
  }

  it('ingests a PDF page by page, titled from the file, and announces it', async () => {
    const ctx = tenantCtx();
    const pdf = await pdfFixture(
      [{ heading: 'Warranty', paragraphs: [WARRANTY] }, { heading: 'Shipping', paragraphs: [SHIPPING] }],
      { title: 'Acme Customer Handbook' },
    );
    const doc = await ingest(ctx, [await putUpload(svc, 'handbook.pdf', pdf, 'application/pdf')]);
    expect(doc).toMatchObject({ status: 'ready', type: 'pdf', title: 'Acme Customer Handbook', source: 'handbook.pdf', page_count: 2, error: null });
    const chunks = await chunksOf(svc, { documentId: doc.id });
    expect(chunks).toHaveLength(doc.chunk_count);
    const onPage = (page: number) => chunks.filter((c) => c.page === page).map((c) => c.content).join(' ');
    expect(onPage(1)).toContain('seven year warranty');
    expect(onPage(2)).toContain('Rotterdam warehouse');
    expect(chunks[0]).toMatchObject({ source_type: 'pdf', title: 'Acme Customer Handbook', knowledge_base: 'default', language: 'english', has_embedding: false });
    expect(await eventsFor('knowledge.document.ready', doc.id)).toEqual([
      expect.objectContaining({
        tenant_id: ctx.tenant_id,
        data: {
          document_id: doc.id, title: 'Acme Customer Handbook', type: 'pdf', knowledge_base: 'default', category: null,
          chunk_count: doc.chunk_count, page_count: 2,
        },
      }),
    ]);
    // The upload is kept only until it is ingested.
    expect(await svc.sql('SELECT 1 FROM document_sources WHERE document_id = $1', [doc.id])).toEqual([]);
  });

  it('keeps the headings of a DOCX, an HTML page and a Markdown file with their chunks', async () => {
    const ctx = tenantCtx();
    const docx = await docxFixture([
      { heading: 'Pricing', level: 1 }, { text: 'All plans are billed monthly.' },
      { heading: 'Enterprise', level: 2 }, { text: 'Enterprise plans include a dedicated account manager and phone support.' },
    ]);
    const html = htmlPage('Company profile',
      '<main><h1>About us</h1><p>Acme installs heat pumps across the Netherlands since 1998, with over forty engineers.</p>'
      + '<h2>Opening hours</h2><p>The showroom is open Monday to Saturday from nine to six, closed on public holidays.</p></main>');
    const markdown = '# Installation\n\nAn engineer visits to survey the house before any installation is booked.\n\n'
      + '## Aftercare\n\nA yearly service visit keeps the warranty valid and the pump efficient.\n';
    const [fromDocx, fromHtml, fromMd] = await Promise.all([
      ingest(ctx, [await putUpload(svc, 'pricing.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')]),
      ingest(ctx, [await putUpload(svc, 'about.html', html, 'text/html')]),
      ingest(ctx, [await putUpload(svc, 'install.md', markdown, 'text/markdown')]),
    ]);
    for (const doc of [fromDocx, fromHtml, fromMd]) expect(doc.status).toBe('ready');
    expect(fromHtml.title).toBe('Company profile');

    const headingOf = async (documentId: string, words: string) =>
      (await chunksOf(svc, { documentId })).find((c) => c.content.includes(words))?.heading;
    expect(await headingOf(fromDocx.id, 'dedicated account manager')).toEqual(expect.stringContaining('Enterprise'));
    expect(await headingOf(fromHtml.id, 'Monday to Saturday')).toEqual(expect.stringContaining('Opening hours'));
    expect(await headingOf(fromMd.id, 'yearly service visit')).toEqual(expect.stringContaining('Aftercare'));
  });

  it('keeps each question of FAQ text with its answer', async () => {
    const ctx = tenantCtx();
    const faq = 'Q: Do you install on Sundays?\nA: No, installations happen Monday to Friday.\n\n'
      + 'Q: How loud is the outdoor unit?\nA: About as loud as a fridge, 35 decibels at one metre.\n';
    const { documents: [created] } = await svc.bus.send(S.createDocuments, { faq_text: faq, category: 'installation' }, ctx);
    const doc = await settled(svc, created.id, ctx);
    expect(doc).toMatchObject({ status: 'ready', type: 'faq', title: 'FAQ', chunk_count: 2 });
    const chunks = await chunksOf(svc, { documentId: doc.id });
    expect(chunks.map((c) => c.heading)).toEqual([expect.stringContaining('install on Sundays'), expect.stringContaining('How loud')]);
    expect(chunks[0].content).toContain('Monday to Friday');
    expect(chunks[1].content).toContain('35 decibels');
    expect(chunks[1]).toMatchObject({ source_type: 'faq', category: 'installation', title: 'FAQ' });
  });

  it('fails a corrupt PDF with its reason, stores no chunks and announces the failure', async () => {
    const ctx = tenantCtx();
    const doc = await ingest(ctx, [await putUpload(svc, 'broken.pdf', corruptPdf(), 'application/pdf')]);
    expect(doc).toMatchObject({ status: 'failed', chunk_count: 0, error: expect.stringMatching(/\S/) });
    expect(doc.processed_at).not.toBeNull();
    expect(await chunksOf(svc, { documentId: doc.id })).toEqual([]);
    expect(await svc.sql('SELECT 1 FROM document_sources WHERE document_id = $1', [doc.id])).toEqual([]);
    expect(await eventsFor('knowledge.document.failed', doc.id)).toEqual([
      expect.objectContaining({ data: { document_id: doc.id, title: 'broken.pdf', type: 'pdf', error: doc.error } }),
    ]);
    expect(await eventsFor('knowledge.document.ready', doc.id)).toEqual([]);
  });

  it('fails a PDF without any text', async () => {
    const doc = await ingest(tenantCtx(), [await putUpload(svc, 'scan.pdf', await imageOnlyPdf(2), 'application/pdf')]);
    expect(doc).toMatchObject({ status: 'failed', chunk_count: 0, error: expect.stringMatching(/text/i) });
  });

  it('crawls a website: same-site pages, robots.txt respected, pages recorded in the metadata', async () => {
    const site = await startTestSite({
      '/': htmlPage('Acme Heat Pumps', '<main><h1>Welcome</h1><p>Acme heat pumps heat homes efficiently all winter long.</p>'
        + '<a href="/pricing">Pricing</a> <a href="/private/admin">Admin</a> <a href="/">Home</a></main>'),
      '/pricing': htmlPage('Pricing', '<main><h1>Pricing</h1><p>A standard installation costs eight thousand euros including the pump.</p>'
        + '<a href="/">Home</a></main>'),
      '/private/admin': htmlPage('Admin', '<main><p>Internal staff rota and passwords.</p></main>'),
    }, 'User-agent: *\nDisallow: /private/\n');
    try {
      const ctx = tenantCtx();
      const { documents: [created] } = await svc.bus.send(S.createDocuments, { websites: [`${site.url}/`] }, ctx);
      expect(created).toMatchObject({ type: 'website', source: `${site.url}/`, title: `${site.url}/`, size_bytes: null });
      const doc = await settled(svc, created.id, ctx);
      expect(doc).toMatchObject({ status: 'ready', title: 'Acme Heat Pumps', page_count: 2 });
      expect(doc.metadata).toMatchObject({
        pages: [{ url: `${site.url}/`, title: 'Acme Heat Pumps' }, { url: `${site.url}/pricing`, title: 'Pricing' }],
        skipped: [expect.objectContaining({ url: `${site.url}/private/admin` })],
        page_limit_reached: false,
      });
      const chunks = await chunksOf(svc, { documentId: doc.id });
      expect(chunks.find((c) => c.content.includes('eight thousand euros'))).toMatchObject({ url: `${site.url}/pricing`, source_type: 'website' });
      expect(chunks.some((c) => c.content.includes('passwords'))).toBe(false);
      expect(site.requests).not.toContain('/private/admin');
    } finally {
      await site.close();
    }
  });
});

describe('document ingestion across restarts and replicas', () => {
  const TEXT = 'The support line is open every weekday from eight in the morning until eight in the evening.';

  /** A document as a worker left it: `lease` in seconds from now (negative: already run out). */
  async function leftBehind(svc: KnowledgeHarness, tenantId: string, state: { status: 'pending' | 'processing'; attempts: number; lease?: number }) {
    const [row] = await svc.sql<{ id: string }>(
      `INSERT INTO documents (tenant_id, title, type, status, language, source, size_bytes, attempts, lease_until)
       VALUES ($1, 'support-hours.txt', 'txt', $2, 'en', 'support-hours.txt', $3, $4,
               CASE WHEN $5::int IS NULL THEN NULL ELSE now() + make_interval(secs => $5::int) END)
       RETURNING id`,
      [tenantId, state.status, Buffer.byteLength(TEXT), state.attempts, state.lease ?? null],
    );
    await svc.sql('INSERT INTO document_sources (document_id, tenant_id, content) VALUES ($1, $2, $3)', [row.id, tenantId, Buffer.from(TEXT)]);
    return row.id;
  }

  async function state(svc: KnowledgeHarness, id: string) {
    const [row] = await svc.sql<{ status: string; attempts: number; error: string | null; chunks: number }>(
      `SELECT status, attempts, error, (SELECT count(*)::int FROM chunks WHERE document_id = d.id) AS chunks FROM documents d WHERE id = $1`,
      [id],
    );
    return row;
  }

  it('picks up, after a restart, documents left pending or whose worker died, and fails one that keeps crashing', async () => {
    const iso = isolation();
    const first = await bootKnowledge({}, iso);
    await first.close();
    const ctx = tenantCtx();
    const tenant = ctx.tenant_id as string;
    // Written while no replica runs: an upload never picked up, a worker that died mid-way,
    // one that died on the same document for the third time, and one still alive elsewhere.
    const pending = await leftBehind(first, tenant, { status: 'pending', attempts: 0 });
    const crashed = await leftBehind(first, tenant, { status: 'processing', attempts: 1, lease: -60 });
    const poison = await leftBehind(first, tenant, { status: 'processing', attempts: 3, lease: -60 });
    const held = await leftBehind(first, tenant, { status: 'processing', attempts: 1, lease: 600 });

    const second = await bootKnowledge({}, iso);
    try {
      await settled(second, pending, ctx);
      await settled(second, crashed, ctx);
      await settled(second, poison, ctx);
      expect(await state(second, pending)).toMatchObject({ status: 'ready', attempts: 1, chunks: 1 });
      expect(await state(second, crashed)).toMatchObject({ status: 'ready', attempts: 2, chunks: 1 });
      expect(await state(second, poison)).toMatchObject({ status: 'failed', attempts: 4, error: 'ingestion crashed 3 times', chunks: 0 });
      // A document whose worker still holds its lease is left to that worker.
      expect(await state(second, held)).toMatchObject({ status: 'processing', attempts: 1, chunks: 0 });
      const ready = (await second.outbox('knowledge.document.ready')).map((e) => e.data['document_id']);
      expect(ready.sort()).toEqual([pending, crashed].sort());
    } finally {
      await second.close();
      await iso.cleanup();
    }
  });

  it('ingests each document once when two replicas share the work', async () => {
    const iso = isolation();
    const replicas = [await bootKnowledge({ INGEST_CONCURRENCY: '3' }, iso), await bootKnowledge({ INGEST_CONCURRENCY: '3' }, iso)];
    try {
      const ctx = tenantCtx();
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const files = await Promise.all([0, 1, 2].map((j) => putUpload(replicas[0], `hours-${i}-${j}.txt`, `${TEXT} Desk ${i}.${j}.`)));
        const { documents } = await replicas[i % 2].bus.send(S.createDocuments, { files }, ctx);
        ids.push(...documents.map((d) => d.id));
      }
      for (const id of ids) expect(await settled(replicas[0], id, ctx)).toMatchObject({ status: 'ready', chunk_count: 1 });
      const rows = await replicas[0].sql<{ attempts: number; chunks: number }>(
        `SELECT attempts, (SELECT count(*)::int FROM chunks WHERE document_id = d.id) AS chunks FROM documents d WHERE tenant_id = $1`,
        [ctx.tenant_id],
      );
      expect(rows).toHaveLength(12);
      expect(rows.every((r) => r.attempts === 1 && r.chunks === 1)).toBe(true);
      const ready = (await replicas[0].outbox('knowledge.document.ready')).map((e) => e.data['document_id']);
      expect(ready.sort()).toEqual([...ids].sort());
    } finally {
      for (const replica of replicas) await replica.close();
      await iso.cleanup();
    }
  });
});

describe('a document deleted while it is being ingested', () => {
  it('leaves nothing behind: no chunks, no event, and the worker carries on', async () => {
    // One document at a time, so the next one is ingested only after the deleted one's work ended.
    const svc = await bootKnowledge({ INGEST_CONCURRENCY: '1' });
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    let fetched!: () => void;
    const fetching = new Promise<void>((resolve) => { fetched = resolve; });
    // A site whose page arrives only when the test says so.
    const site = createServer((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      fetched();
      void released.then(() => res.writeHead(200, { 'content-type': 'text/html' })
        .end(htmlPage('Slow page', '<main><h1>Slow</h1><p>This page took a long time to arrive, with useful words.</p></main>')));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const ctx = tenantCtx();
      const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
      const { documents: [slow] } = await svc.bus.send(S.createDocuments, { websites: [url] }, ctx);
      await fetching;
      await expect(svc.bus.send(S.deleteDocument, { id: slow.id }, ctx)).resolves.toEqual({ message: 'document deleted' });
      release();

      const { documents: [next] } = await svc.bus.send(S.createDocuments, { faq_text: 'Q: Is there parking?\nA: Yes, behind the building.' }, ctx);
      expect(await settled(svc, next.id, ctx)).toMatchObject({ status: 'ready' });
      expect(await svc.sql('SELECT id FROM chunks WHERE tenant_id = $1 AND document_id IS DISTINCT FROM $2', [ctx.tenant_id, next.id])).toEqual([]);
      const events = [...await svc.outbox('knowledge.document.ready'), ...await svc.outbox('knowledge.document.failed')];
      expect(events.map((e) => e.data['document_id'])).toEqual([next.id]);
    } finally {
      site.closeAllConnections();
      await new Promise((resolve) => site.close(resolve));
      await svc.close();
    }
  });
});

describe('document ingestion with an embeddings provider', () => {
  const MARKDOWN = '# Installation\n\nAn engineer visits to survey the house before any installation is booked.\n\n'
    + '## Aftercare\n\nA yearly service visit keeps the warranty valid and the pump efficient.\n';
  let fake: FakeOpenAI;
  let svc: KnowledgeHarness;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ dimensions: 64 });
    svc = await bootKnowledge({ EMBEDDINGS_BASE_URL: fake.baseURL, EMBEDDINGS_API_KEY: 'sk-test', EMBEDDINGS_MODEL: 'text-embedding-3-small' });
  });
  afterAll(async () => {
    await svc?.close();
    await fake?.close();
  });

  async function ingestMarkdown(ctx: Partial<RequestContext>) {
    const { documents } = await svc.bus.send(S.createDocuments, { files: [await putUpload(svc, 'install.md', MARKDOWN)] }, ctx);
    return settled(svc, documents[0].id, ctx);
  }

  const models = (documentId: string) =>
    svc.sql<{ embedding_model: string | null }>('SELECT embedding_model FROM chunks WHERE document_id = $1', [documentId]);

  it('stores a vector with every chunk, embedded from its heading and content', async () => {
    const doc = await ingestMarkdown(tenantCtx());
    expect(doc.status).toBe('ready');
    const chunks = await chunksOf(svc, { documentId: doc.id });
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((c) => c.has_embedding)).toBe(true);
    expect(await models(doc.id)).toEqual(chunks.map(() => ({ embedding_model: 'text-embedding-3-small' })));
    const sent = fake.requests.filter((r) => r.path === '/v1/embeddings').flatMap((r) => (r.body as { input: string[] }).input);
    for (const chunk of chunks) expect(sent).toContain(chunk.heading ? `${chunk.heading}\n${chunk.content}` : chunk.content);
  });

  it('stores the chunks without vectors when the provider fails, and the backfill adds them after', async () => {
    const calls = () => fake.requests.filter((r) => r.path === '/v1/embeddings').length;
    const before = calls();
    // The first call and the SDK's two retries.
    fake.failNext(500, 3);
    const doc = await ingestMarkdown(tenantCtx());
    expect(doc).toMatchObject({ status: 'ready', error: null });
    const chunks = await chunksOf(svc, { documentId: doc.id });
    expect(chunks).toHaveLength(doc.chunk_count);
    await eventually(() => models(doc.id), (rows) => rows.every((r) => r.embedding_model === 'text-embedding-3-small'));
    expect((await chunksOf(svc, { documentId: doc.id })).every((c) => c.has_embedding)).toBe(true);
    // Three refused calls while ingesting, then one from the backfill.
    expect(calls() - before).toBe(4);
  });
});
