import { parse } from 'csv-parse/sync';
import { Api, expectErrorBody, registerTenant, sharedPlatform, type TestTenant } from './support/api';
import { startGatewayReplica } from './support/platform';

const shared = sharedPlatform();
const { api } = shared;

// Line 1 is the header; lines 3 and 5 are bad, line 4 repeats line 2, line 6 matches a lead created before.
const LEADS_CSV = [
  'Full Name,E-mail,Phone,Company,Lead Source',
  'Ada One,ada.one@import.example,(650) 253-0001,Acme,webinar',
  'Bad Mail,not-an-email,,Acme,webinar',
  'Ada Again,ADA.ONE@import.example,,Acme,webinar',
  'Bad Phone,bad.phone@import.example,12,,webinar',
  'Existing Person,existing@import.example,,Existing Co,',
  'Grace Two,grace.two@import.example,,,',
].join('\n');

function importForm(csv: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'leads.csv');
  return form;
}

const MAPPING = JSON.stringify({ 'Full Name': 'name', 'E-mail': 'email' });

async function leadsOf(owner: TestTenant, query = '') {
  return (await api.get(`/api/v1/leads?per_page=100${query}`, { token: owner.token })).body;
}

describe('lead import and export', () => {
  it('imports a CSV: good rows land, bad rows are reported by line, duplicates are merged', async () => {
    const owner = await registerTenant(api, 'import');
    const existing = await api.post('/api/v1/leads', { name: 'Existing Person', email: 'existing@import.example' }, { token: owner.token });
    expect(existing.status).toBe(201);

    const res = await api.postForm('/api/v1/leads/import', importForm(LEADS_CSV, { mapping: MAPPING, default_source: 'fair' }), { token: owner.token });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ total_rows: 6, created: 2, merged: 2, failed: 2, errors_truncated: false });
    expect(res.body.import_id).toMatch(/^[0-9a-f-]{36}$/);
    const errors = res.body.errors as Array<{ line: number; field: string | null; message: string }>;
    expect(errors.map((e) => e.line)).toEqual([3, 5]);
    expect(errors[0]).toMatchObject({ line: 3, field: 'email' });
    expect(errors[1]).toMatchObject({ line: 5, field: 'phone' });

    const leads = await leadsOf(owner);
    expect(leads.total).toBe(3);
    const byEmail = new Map<string, any>(leads.data.map((l: { email: string }) => [l.email.toLowerCase(), l]));
    expect([...byEmail.keys()].sort()).toEqual(['ada.one@import.example', 'existing@import.example', 'grace.two@import.example']);
    expect(byEmail.get('ada.one@import.example')).toMatchObject({ phone: '+16502530001', company: 'Acme', source: 'webinar' });
    expect(byEmail.get('existing@import.example')).toMatchObject({ id: existing.body.id, company: 'Existing Co' });
    expect(byEmail.get('grace.two@import.example')).toMatchObject({ name: 'Grace Two', source: 'fair' });
  });

  it('leaves nothing behind when all_or_nothing meets a bad row', async () => {
    const owner = await registerTenant(api, 'atomic');
    const res = await api.postForm('/api/v1/leads/import', importForm(LEADS_CSV, { mapping: MAPPING, all_or_nothing: 'true' }), { token: owner.token });
    expectErrorBody(res, 422, 'VALIDATION_FAILED');
    expect(res.body.error.message).toMatch(/nothing was imported/);
    expect(res.body.error.details).toMatchObject({ failed: 2, total_rows: 6 });
    expect(res.body.error.details.errors.map((e: { line: number }) => e.line)).toEqual([3, 5]);
    expect((await leadsOf(owner)).total).toBe(0);

    const clean = LEADS_CSV.split('\n').filter((_, i) => i !== 2 && i !== 4).join('\n');
    const ok = await api.postForm('/api/v1/leads/import', importForm(clean, { mapping: MAPPING, all_or_nothing: 'true' }), { token: owner.token });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ total_rows: 4, created: 3, merged: 1, failed: 0, errors: [] });
    expect((await leadsOf(owner)).total).toBe(3);
  });

  it('refuses a request without a file, a bad mapping or flag, and unknown fields with 422 bodies', async () => {
    const owner = await registerTenant(api, 'import-bad');
    const path = '/api/v1/leads/import';
    const noFile = new FormData();
    noFile.append('default_source', 'fair');
    const missing = await api.postForm(path, noFile, { token: owner.token });
    expectErrorBody(missing, 422, 'VALIDATION_FAILED');
    expect(missing.body.error.details.fields).toHaveProperty('file');

    expectErrorBody(await api.post(path, { upload: 'someone-elses-upload' }, { token: owner.token }), 422, 'VALIDATION_FAILED');

    const badMapping = await api.postForm(path, importForm(LEADS_CSV, { mapping: '{not json' }), { token: owner.token });
    expectErrorBody(badMapping, 422, 'VALIDATION_FAILED');
    expect(badMapping.body.error.details.fields).toHaveProperty('mapping');
    const arrayMapping = await api.postForm(path, importForm(LEADS_CSV, { mapping: '["name"]' }), { token: owner.token });
    expect(arrayMapping.body.error.details.fields).toHaveProperty('mapping');

    const badFlag = await api.postForm(path, importForm(LEADS_CSV, { all_or_nothing: 'yes' }), { token: owner.token });
    expectErrorBody(badFlag, 422, 'VALIDATION_FAILED');
    expect(badFlag.body.error.details.fields).toHaveProperty('all_or_nothing');

    const unknown = await api.postForm(path, importForm(LEADS_CSV, { upload: 'lead-import-guess' }), { token: owner.token });
    expectErrorBody(unknown, 422, 'VALIDATION_FAILED');
    const badCampaign = await api.postForm(path, importForm(LEADS_CSV, { campaign_id: 'nope' }), { token: owner.token });
    expect(badCampaign.body.error.details.fields).toHaveProperty('campaign_id');

    expect((await leadsOf(owner)).total).toBe(0);
  });

  it('refuses a file over UPLOAD_MAX_BYTES with 413 in the contract format', async () => {
    const replica = await startGatewayReplica(shared.iso, { UPLOAD_MAX_BYTES: '2048' });
    try {
      const small = new Api(replica.baseUrl);
      const owner = await registerTenant(small, 'too-large');
      const rows = Array.from({ length: 200 }, (_, i) => `Lead ${i},lead${i}@large.example`);
      const res = await small.postForm('/api/v1/leads/import', importForm(['name,email', ...rows].join('\n')), { token: owner.token });
      expectErrorBody(res, 413, 'PAYLOAD_TOO_LARGE');
      expect((await leadsOf(owner)).total).toBe(0);

      const fits = await small.postForm('/api/v1/leads/import', importForm(['name,email', ...rows.slice(0, 5)].join('\n')), { token: owner.token });
      expect(fits.status).toBe(201);
      expect(fits.body.created).toBe(5);
    } finally {
      await replica.close();
    }
  });

  it('replays an import sent again with the same Idempotency-Key', async () => {
    const owner = await registerTenant(api, 'import-idem');
    const headers = { 'idempotency-key': `import-${owner.userId}` };
    const csv = 'name,email\nOnce Only,once@import.example\n';
    const first = await api.postForm('/api/v1/leads/import', importForm(csv), { token: owner.token, headers });
    const again = await api.postForm('/api/v1/leads/import', importForm(csv), { token: owner.token, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.import_id).toBe(first.body.import_id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await leadsOf(owner)).total).toBe(1);
  });

  it('exports CSV and JSON downloads that parse back, filtered like the list', async () => {
    const owner = await registerTenant(api, 'export');
    const bodies = [
      { name: 'Export, One', email: 'one@export.example', company: 'Quotes "R" Us', source: 'referral', tags: ['a', 'b'] },
      { name: 'Export Two', email: 'two@export.example', source: 'website' },
      { name: 'Export Three', phone: '+1 650 253 0002', source: 'referral' },
    ];
    for (const body of bodies) expect((await api.post('/api/v1/leads', body, { token: owner.token })).status).toBe(201);

    const csv = await fetch(`${api.baseUrl}/api/v1/leads/export?format=csv`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.csv"$/);
    const rows = parse(await csv.text(), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(3);
    const one = rows.find((r) => r['email'] === 'one@export.example');
    expect(one).toMatchObject({ name: 'Export, One', company: 'Quotes "R" Us', source: 'referral' });
    expect(rows.find((r) => r['name'] === 'Export Three')?.['phone']).toBe('+16502530002');

    const json = await fetch(`${api.baseUrl}/api/v1/leads/export?format=json&source=referral`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.headers.get('content-disposition')).toMatch(/\.json"$/);
    const exported = JSON.parse(await json.text()) as Array<{ name: string; tags: string[] }>;
    expect(exported.map((l) => l.name).sort()).toEqual(['Export Three', 'Export, One']);
    expect(exported.find((l) => l.name === 'Export, One')?.tags).toEqual(['a', 'b']);

    // An export imports back into another tenant as the same leads.
    const other = await registerTenant(api, 'reimport');
    const csvAgain = await fetch(`${api.baseUrl}/api/v1/leads/export`, { headers: { authorization: `Bearer ${owner.token}` } });
    const reimported = await api.postForm('/api/v1/leads/import', importForm(await csvAgain.text()), { token: other.token });
    expect(reimported.status).toBe(201);
    expect(reimported.body).toMatchObject({ created: 3, failed: 0 });

    expectErrorBody(await api.get('/api/v1/leads/export?format=xml', { token: owner.token }), 422, 'VALIDATION_FAILED');
    const viewerless = await fetch(`${api.baseUrl}/api/v1/leads/export`);
    expect(viewerless.status).toBe(401);
  });
});
