import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import {
  ErrorCode, LeadsSubjects as S,
  type ExportLeadsQueryDto, type ImportLeadsRequest, type LeadDto, type RequestContext,
} from '@parley/contracts';
import { TestBus } from '@parley/testing';
import { bootLeads, tenantCtx, type LeadsHarness } from './support/leads-harness';

interface LeadRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  company_size: number | null;
  budget: string | null;
  source: string;
  status: string;
  score: number;
  priority: string;
  score_breakdown: unknown;
  scored_at: Date | null;
  campaign_id: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
}

describe('leads CSV import and export (NATS, Postgres, transfer store)', () => {
  let h: LeadsHarness;

  beforeAll(async () => {
    h = await bootLeads();
  });

  afterAll(async () => {
    await h?.close();
  });

  async function upload(csv: string | Buffer): Promise<string> {
    const store = h.bus.transfers();
    const name = store.newName('test-upload');
    await store.put(name, Readable.from([Buffer.isBuffer(csv) ? csv : Buffer.from(csv)]));
    return name;
  }

  async function importCsv(csv: string, ctx: Partial<RequestContext>, options: Omit<ImportLeadsRequest, 'upload'> = {}) {
    return h.bus.send(S.importLeads, { upload: await upload(csv), ...options }, ctx);
  }

  async function leadsOf(ctx: Partial<RequestContext>): Promise<LeadRow[]> {
    return h.sql<LeadRow>(
      `SELECT id, name, email, phone, company, title, company_size, budget, source, status, score, priority,
              score_breakdown, scored_at, campaign_id, tags, custom_fields
       FROM leads WHERE tenant_id = $1 ORDER BY name`,
      [ctx.tenant_id],
    );
  }

  async function countOf(ctx: Partial<RequestContext>): Promise<number> {
    const [{ count }] = await h.sql<{ count: number }>('SELECT count(*)::int AS count FROM leads WHERE tenant_id = $1', [ctx.tenant_id]);
    return count;
  }

  async function readTransfer(name: string): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of await h.bus.transfers().open(name)) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString('utf8');
  }

  it('imports good rows with E.164 phones, scores and mapped headers, then removes the upload', async () => {
    const ctx = tenantCtx();
    const csv = 'Full Name,E-mail,Phone Number,Company Name,Job Title,Employees,Budget,Tags,Region\n'
      + 'Ann Lee,ann@acme.io,(415) 555-2671,Acme,CEO,"1,200","$50,000",vip;expo,West\n'
      + 'Bob Stone,bob@initech.io,+44 20 7946 0958,Initech,,,,,\n'
      + 'Cy Moss,,212-301-0001,,,,,,\n';
    const name = await upload(csv);
    const result = await h.bus.send(S.importLeads, { upload: name }, ctx);

    expect(result).toMatchObject({ total_rows: 3, created: 3, merged: 0, failed: 0, errors: [], errors_truncated: false });
    expect(result.import_id).toEqual(expect.any(String));
    const [ann, bob, cy] = await leadsOf(ctx);
    expect(ann).toMatchObject({
      name: 'Ann Lee', email: 'ann@acme.io', phone: '+14155552671', company: 'Acme', title: 'CEO', company_size: 1200,
      budget: '50000.00', source: 'import', status: 'new', tags: ['vip', 'expo'], custom_fields: { Region: 'West' },
    });
    expect(bob.phone).toBe('+442079460958');
    expect(cy).toMatchObject({ name: 'Cy Moss', email: null, phone: '+12123010001' });
    // Scored from the row's own fields: the CEO with budget outranks the bare contact.
    expect(ann.score).toBeGreaterThan(cy.score);
    expect(cy.score).toBeGreaterThan(0);
    expect(ann.scored_at).toEqual(expect.any(Date));
    expect(ann.priority).toBe(ann.score >= 0.7 ? 'hot' : ann.score >= 0.4 ? 'warm' : 'cold');
    // The explanation is left to the next re-score (see LeadImportStaging).
    expect(ann.score_breakdown).toBeNull();
    await expect(h.bus.transfers().open(name)).rejects.toMatchObject({ code: ErrorCode.NotFound });

    const [record] = await h.sql('SELECT total_rows, created, merged, failed, actor_id FROM lead_imports WHERE id = $1', [result.import_id]);
    expect(record).toEqual({ total_rows: 3, created: 3, merged: 0, failed: 0, actor_id: ctx.user_id });
    const events = (await h.outbox('lead.imported')).filter((e) => e.tenant_id === ctx.tenant_id);
    expect(events.map((e) => e.data)).toEqual([{ import_id: result.import_id, created: 3, merged: 0, failed: 0, campaign_id: null }]);
  });

  it('reports bad rows with their file line (after a quoted multi-line field) and imports the rest', async () => {
    const ctx = tenantCtx();
    const csv = 'name,email,phone,notes,status,company_size\n'
      + 'Ann,ann@x.io,,"called twice,\nwants a demo\non Friday",contacted,\n'
      + '\n'
      + 'Bob,not-an-email,,,,\n'
      + 'Cy,cy@x.io,12,,,\n'
      + ',,,,,\n'
      + 'Di,di@x.io,,,maybe,lots\n'
      + ',,,orphan note,,\n'
      + 'Ed,ed@x.io,,,,\n';
    const result = await importCsv(csv, ctx, { default_source: 'trade-show' });

    expect(result).toMatchObject({ total_rows: 6, created: 2, merged: 0, failed: 4, errors_truncated: false });
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [6, 'email'], [7, 'phone'], [9, 'company_size'], [9, 'status'], [10, 'name'],
    ]);
    const rows = await leadsOf(ctx);
    expect(rows.map((r) => [r.name, r.status, r.source])).toEqual([['Ann', 'contacted', 'trade-show'], ['Ed', 'new', 'trade-show']]);
  });

  it('merges duplicates within the file and into existing leads, never doubling a lead', async () => {
    const ctx = tenantCtx();
    await importCsv('name,email,phone,status,tags\nAnn,ann@x.io,415-555-2671,qualified,old\nBob,bob@x.io,212-301-0001,,\n', ctx);

    const result = await importCsv(
      'name,email,phone,company,status,tags\n'
        + 'Ann Lee,ANN@X.IO,,Acme,new,fresh\n' // existing Ann by email (any case): status stays qualified
        + 'Robert,,(212) 301-0001,Initech,,\n' // existing Bob by phone
        + 'Cy,cy@x.io,,,,a\n'
        + 'Cy Moss,CY@x.io,646-301-0001,Globex,,b\n' // same file: merges into the Cy row above
        + ',,+1 646 301 0001,,,c\n', // ... and so does this one, by phone
      ctx,
    );

    expect(result).toMatchObject({ total_rows: 5, created: 1, merged: 4, failed: 0 });
    expect(await countOf(ctx)).toBe(3);
    const [ann, cy, robert] = await leadsOf(ctx);
    expect(ann).toMatchObject({ name: 'Ann Lee', email: 'ann@x.io', phone: '+14155552671', company: 'Acme', status: 'qualified', tags: ['old', 'fresh'] });
    expect(robert).toMatchObject({ email: 'bob@x.io', phone: '+12123010001', company: 'Initech' });
    expect(cy).toMatchObject({ name: 'Cy Moss', email: 'CY@x.io', phone: '+16463010001', company: 'Globex', tags: ['a', 'b', 'c'] });
    // The lead built from three rows is scored from its merged fields, as if the file had held one row.
    const single = tenantCtx();
    await importCsv('name,email,phone,company,tags\nCy Moss,CY@x.io,646-301-0001,Globex,a;b;c\n', single);
    const [alone] = await leadsOf(single);
    expect(cy.score).toBe(alone.score);
  });

  it('merges a row whose email is lead A and phone is lead B into A, leaving both phones in place', async () => {
    const ctx = tenantCtx();
    await importCsv('name,email,phone\nA,a@x.io,415-555-2671\nB,b@x.io,212-301-0001\n', ctx);
    const result = await importCsv('name,email,phone,company\nA2,a@x.io,212-301-0001,Acme\n', ctx);

    expect(result).toMatchObject({ created: 0, merged: 1, failed: 0 });
    expect(await countOf(ctx)).toBe(2);
    const rows = await leadsOf(ctx);
    expect(rows.map((r) => [r.name, r.email, r.phone, r.company])).toEqual([
      ['A2', 'a@x.io', '+14155552671', 'Acme'],
      ['B', 'b@x.io', '+12123010001', null],
    ]);
  });

  it('with all_or_nothing, one bad row rejects the file and imports nothing', async () => {
    const ctx = tenantCtx();
    const csv = 'name,email\nAnn,ann@x.io\nBob,bob@\nCy,cy@x.io\n';
    const error = await importCsv(csv, ctx, { all_or_nothing: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: ErrorCode.ValidationFailed,
      details: { failed: 1, total_rows: 3, errors: [{ line: 3, field: 'email', message: 'email must be an email (got "bob@")' }] },
    });
    expect(await countOf(ctx)).toBe(0);
    expect((await h.outbox('lead.imported')).filter((e) => e.tenant_id === ctx.tenant_id)).toEqual([]);
  });

  it('rejects malformed CSV with its line and keeps nothing of it', async () => {
    const ctx = tenantCtx();
    const rows = Array.from({ length: 3000 }, (_, i) => `Lead ${i},lead${i}@x.io`).join('\n');
    const name = await upload(`name,email\n${rows}\n"Broken,b@x.io\nMore,m@x.io\n`);
    const error = await h.bus.send(S.importLeads, { upload: name }, ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.ValidationFailed, details: { line: 3002, reason: 'CSV_QUOTE_NOT_CLOSED' } });
    expect(await countOf(ctx)).toBe(0);
    await expect(h.bus.transfers().open(name)).rejects.toMatchObject({ code: ErrorCode.NotFound });

    const ragged = await importCsv('name,email\nA,a@x.io\nB,b@x.io,extra\n', ctx).catch((e: unknown) => e);
    expect(ragged).toMatchObject({ code: ErrorCode.ValidationFailed, details: { line: 3 } });
    const headless = await importCsv('company,industry\nAcme,software\n', ctx).catch((e: unknown) => e);
    expect(headless).toMatchObject({ code: ErrorCode.ValidationFailed, details: { field: 'header' } });
    expect(await countOf(ctx)).toBe(0);
  });

  it('never reads or merges into another tenant\'s leads', async () => {
    const mine = tenantCtx();
    const theirs = tenantCtx();
    await importCsv('name,email,phone,company\nTheirs,same@x.io,415-555-2671,Theirs Inc\n', theirs);
    const result = await importCsv('name,email,phone,company\nMine,same@x.io,415-555-2671,Mine Inc\n', mine);

    expect(result).toMatchObject({ created: 1, merged: 0 });
    expect((await leadsOf(mine)).map((r) => [r.name, r.company])).toEqual([['Mine', 'Mine Inc']]);
    expect((await leadsOf(theirs)).map((r) => [r.name, r.company])).toEqual([['Theirs', 'Theirs Inc']]);
  });

  it('imports into a campaign of the tenant (404 for anyone else\'s) with the tenant\'s score weights', async () => {
    const ctx = tenantCtx();
    const other = tenantCtx();
    const [campaign] = await h.sql<{ id: string }>(`INSERT INTO campaigns (tenant_id, name) VALUES ($1, 'Spring') RETURNING id`, [ctx.tenant_id]);
    await h.sql(`INSERT INTO lead_settings (tenant_id, score_weights) VALUES ($1, $2)`, [
      ctx.tenant_id, JSON.stringify({ demographic: 1, behavioral: 0, engagement: 0, intent: 0 }),
    ]);

    const result = await importCsv('name,email\nAnn,ann@x.io\n', ctx, { campaign_id: campaign.id });
    expect(result.created).toBe(1);
    const [ann] = await leadsOf(ctx);
    expect(ann.campaign_id).toBe(campaign.id);
    const defaults = tenantCtx();
    await importCsv('name,email\nAnn,ann@x.io\n', defaults);
    const [annWithDefaults] = await leadsOf(defaults);
    expect(ann.score).not.toBe(annWithDefaults.score);
    const events = (await h.outbox('lead.imported')).filter((e) => e.tenant_id === ctx.tenant_id);
    expect(events.map((e) => e.data.campaign_id)).toEqual([campaign.id]);

    const name = await upload('name,email\nBob,bob@x.io\n');
    await expect(h.bus.send(S.importLeads, { upload: name, campaign_id: campaign.id }, other)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(h.bus.transfers().open(name)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    expect(await countOf(other)).toBe(0);
  });

  it('exports a filtered set as CSV and JSON that round-trip', async () => {
    const ctx = tenantCtx();
    await importCsv(
      'name,email,phone,company,source,tags,notes,Region\n'
        + 'Ann Webinar,ann@acme.io,415-555-2671,Acme,webinar,vip;expo,"line one\nline two, with comma",West\n'
        + 'Bob Webinar,bob@acme.io,,"Acme ""Labs""",webinar,,,\n'
        + 'Cy Webinar,cy@other.io,,Other,webinar,,,\n'
        + 'Di Fair,di@acme.io,,Acme,fair,,,\n',
      ctx,
    );
    await importCsv('name,email\nElsewhere,ann@acme.io\n', tenantCtx());
    const filter: ExportLeadsQueryDto = { source: 'webinar', search: 'ACME' };
    const stored = await h.sql<{ id: string }>(
      `SELECT id FROM leads WHERE tenant_id = $1 AND source = 'webinar' AND search_text LIKE '%acme%' ORDER BY created_at DESC, id`,
      [ctx.tenant_id],
    );
    expect(stored).toHaveLength(2);

    const csvExport = await h.bus.send(S.exportLeads, { ...filter, format: 'csv' }, ctx);
    expect(csvExport).toMatchObject({ content_type: 'text/csv; charset=utf-8', rows: 2 });
    expect(csvExport.filename).toMatch(/^leads-\d{8}-\d{6}\.csv$/);
    const csvRows = parse(await readTransfer(csvExport.upload), { columns: true }) as Array<Record<string, string>>;
    expect(csvRows.map((r) => r.id)).toEqual(stored.map((r) => r.id));
    // Rows imported together share created_at, so their export order is by id: look them up by name.
    const annCsv = csvRows.find((r) => r.name === 'Ann Webinar');
    expect(annCsv).toMatchObject({ phone: '+14155552671', tags: 'vip;expo', source: 'webinar', status: 'new', annual_revenue: '' });
    expect(annCsv?.notes).toBe('line one\nline two, with comma');
    expect(JSON.parse(annCsv?.custom_fields ?? '')).toEqual({ Region: 'West' });
    expect(csvRows.find((r) => r.name === 'Bob Webinar')?.company).toBe('Acme "Labs"');

    const jsonExport = await h.bus.send(S.exportLeads, { ...filter, format: 'json' }, ctx);
    expect(jsonExport).toMatchObject({ content_type: 'application/json', rows: 2 });
    expect(jsonExport.filename).toMatch(/^leads-\d{8}-\d{6}\.json$/);
    const jsonRows = JSON.parse(await readTransfer(jsonExport.upload)) as LeadDto[];
    expect(jsonRows.map((r) => r.id)).toEqual(stored.map((r) => r.id));
    const annJson = jsonRows.find((r) => r.name === 'Ann Webinar');
    expect(annJson).toMatchObject({
      email: 'ann@acme.io', phone: '+14155552671', tags: ['vip', 'expo'], custom_fields: { Region: 'West' },
      notes: 'line one\nline two, with comma', priority: expect.any(String), score: Number(annCsv?.score),
      annual_revenue: null, score_breakdown: null, status: 'new',
    });
    expect(annJson?.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(annJson?.score).toBeGreaterThan(0);

    // The CSV imports back into another tenant as the same leads.
    const copy = tenantCtx();
    const reimported = await h.bus.send(S.importLeads, { upload: await upload(await readTransfer(csvExport.upload)) }, copy);
    expect(reimported).toMatchObject({ total_rows: 2, created: 2, failed: 0 });
    const copied = await leadsOf(copy);
    expect(copied.map((r) => [r.name, r.email, r.phone, r.company, r.source, r.tags, r.custom_fields])).toEqual(
      jsonRows.map((r) => [r.name, r.email, r.phone, r.company, r.source, r.tags, r.custom_fields]).sort(),
    );

    const empty = await h.bus.send(S.exportLeads, { status: 'closed_won', format: 'json' }, ctx);
    expect(empty.rows).toBe(0);
    expect(JSON.parse(await readTransfer(empty.upload))).toEqual([]);
  });

  it('imports a large file in one COPY-backed transaction', async () => {
    const rows = Number(process.env.LEADS_IMPORT_BENCH_ROWS ?? 10_000);
    const ctx = tenantCtx();
    const lines = ['name,email,phone,company,title,company_size,budget,industry,tags'];
    for (let i = 0; i < rows; i += 1) {
      const phone = `+1 415 ${200 + Math.floor(i / 10_000)} ${String(i % 10_000).padStart(4, '0')}`;
      lines.push(`Lead ${i},lead${i}@example.com,${phone},Company ${i % 500},VP Sales,${(i % 900) + 10},${i * 10},software,a;b`);
    }
    // One duplicate by email at the end: merged, not doubled.
    lines.push('Lead 0 again,LEAD0@example.com,,,,,,,');
    const name = await upload(`${lines.join('\n')}\n`);
    const bus = await TestBus.connect(h.config.NATS_URL, h.iso.prefix, 120_000);
    try {
      const started = performance.now();
      const result = await bus.send(S.importLeads, { upload: name }, ctx);
      const elapsed = Math.round(performance.now() - started);
      console.log(`imported ${rows} rows in ${elapsed} ms round trip (service: ${result.duration_ms} ms)`);
      expect(result).toMatchObject({ total_rows: rows + 1, created: rows, merged: 1, failed: 0 });
      expect(await countOf(ctx)).toBe(rows);
    } finally {
      await bus.close();
    }
  }, 180_000);
});
