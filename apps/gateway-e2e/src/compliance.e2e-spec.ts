import { addMemberWithRole, expectErrorBody, registerTenant, sharedPlatform, type TestTenant } from './support/api';
import { expectTenantIsolation } from './support/cross-tenant';

const { api } = sharedPlatform();
const DNC = '/api/v1/compliance/dnc';
const WINDOWS = '/api/v1/compliance/calling-windows';
const DAY = { start: '08:00', end: '21:00' };

function csvForm(csv: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'dnc.csv');
  return form;
}

const numbersOf = (body: { data: Array<{ phone_number: string }> }) => body.data.map((entry) => entry.phone_number);

describe('do-not-call list', () => {
  let owner: TestTenant;
  beforeEach(async () => { owner = await registerTenant(api, 'dnc'); });

  it('adds, lists, searches and removes numbers; adding twice answers the first entry', async () => {
    const added = await api.post(DNC, { phone_number: '(212) 555-0123', reason: 'asked not to be called' }, { token: owner.token });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      phone_number: '+12125550123', reason: 'asked not to be called', source: 'manual', created_by: owner.userId,
      created_at: expect.any(String), already_listed: false,
    });
    const again = await api.post(DNC, { phone_number: '+1 212 555 0123', reason: 'something else' }, { token: owner.token });
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...added.body, already_listed: true });
    expect((await api.post(DNC, { phone_number: '+442079460958', source: 'opt_out' }, { token: owner.token })).status).toBe(201);

    const list = await api.get(DNC, { token: owner.token });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, page: 1, per_page: 20, total_pages: 1 });
    expect(numbersOf(list.body).sort()).toEqual(['+12125550123', '+442079460958']);
    expect(numbersOf((await api.get(`${DNC}?search=${encodeURIComponent('212-555')}`, { token: owner.token })).body)).toEqual(['+12125550123']);
    expect(numbersOf((await api.get(`${DNC}?source=opt_out`, { token: owner.token })).body)).toEqual(['+442079460958']);
    expectErrorBody(await api.get(`${DNC}?source=robot`, { token: owner.token }), 422, 'VALIDATION_FAILED');

    const removed = await api.delete(`${DNC}/${encodeURIComponent('+12125550123')}`, { token: owner.token });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ message: '+12125550123 was removed from the do-not-call list' });
    expectErrorBody(await api.delete(`${DNC}/%2B12125550123`, { token: owner.token }), 404, 'NOT_FOUND');
    // A literal "+" in a path is a plus, not a space.
    expect((await api.delete(`${DNC}/+442079460958`, { token: owner.token })).status).toBe(200);
    expect((await api.get(DNC, { token: owner.token })).body.total).toBe(0);
  });

  it('refuses an invalid number or unknown field with 422 naming the field', async () => {
    const bad = await api.post(DNC, { phone_number: '555-01' }, { token: owner.token });
    expectErrorBody(bad, 422, 'VALIDATION_FAILED');
    expect(bad.body.error.details.fields).toHaveProperty('phone_number');
    const unknown = await api.post(DNC, { phone_number: '+12125550123', priority: 1 }, { token: owner.token });
    expectErrorBody(unknown, 422, 'VALIDATION_FAILED');
    expectErrorBody(await api.delete(`${DNC}/not-a-number`, { token: owner.token }), 422, 'VALIDATION_FAILED');
  });

  it('bulk adds from a CSV: good rows land, bad rows are reported by line, listed numbers are counted', async () => {
    await api.post(DNC, { phone_number: '+13125550100' }, { token: owner.token });
    const csv = ['Phone,Reason', '(212) 555-0101,complained', 'not a phone,typo', '+1 312 555 0100,already there', '415-555-2671,'].join('\n');
    const res = await api.postForm(`${DNC}/import`, csvForm(csv), { token: owner.token });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      total_rows: 4, added: 2, already_listed: 1, failed: 1, errors_truncated: false,
      errors: [{ line: 3, message: 'phone_number must be a valid phone number (got "not a phone")' }],
    });
    const imported = await api.get(`${DNC}?source=import`, { token: owner.token });
    expect(numbersOf(imported.body).sort()).toEqual(['+12125550101', '+14155552671']);
    expect(imported.body.data.find((e: { phone_number: string }) => e.phone_number === '+12125550101')).toMatchObject({ reason: 'complained' });
  });

  it('refuses an import without a file, with unknown fields, or without a phone column', async () => {
    const noFile = new FormData();
    noFile.append('note', 'x');
    expectErrorBody(await api.postForm(`${DNC}/import`, noFile, { token: owner.token }), 422, 'VALIDATION_FAILED');
    expectErrorBody(await api.postForm(`${DNC}/import`, csvForm('phone\n2125550101\n', { extra: 'x' }), { token: owner.token }), 422, 'VALIDATION_FAILED');
    const noPhone = await api.postForm(`${DNC}/import`, csvForm('name\nAnn\n'), { token: owner.token });
    expectErrorBody(noPhone, 422, 'VALIDATION_FAILED');
    expect(noPhone.body.error.message).toBe('the CSV header needs a phone_number (or phone) column');
    expect((await api.get(DNC, { token: owner.token })).body.total).toBe(0);
  });

  it('needs compliance:read to list and compliance:write to change', async () => {
    const viewer = await addMemberWithRole(api, owner, 'viewer');
    expect((await api.get(DNC, { token: viewer.token })).status).toBe(200);
    expectErrorBody(await api.post(DNC, { phone_number: '+12125550123' }, { token: viewer.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.postForm(`${DNC}/import`, csvForm('phone\n2125550101\n'), { token: viewer.token }), 403, 'FORBIDDEN');
    const agent = await addMemberWithRole(api, owner, 'agent');
    expectErrorBody(await api.get(DNC, { token: agent.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.get(WINDOWS, { token: agent.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.put(WINDOWS, { enforced: false }, { token: viewer.token }), 403, 'FORBIDDEN');
    expectErrorBody(await api.get(DNC), 401, 'UNAUTHORIZED');
  });

  it('keeps another tenant\'s entries out of reach', async () => {
    const other = await registerTenant(api, 'dnc-b');
    await expectTenantIsolation(api, owner, other, {
      name: 'do-not-call entry',
      create: async (tenant) => (await api.post(DNC, { phone_number: '+12125550177', reason: 'private' }, { token: tenant.token })).body.phone_number,
      list: { path: DNC, ids: numbersOf },
      remove: (phone) => `${DNC}/${encodeURIComponent(phone)}`,
    });
  });
});

describe('calling windows', () => {
  it('starts at 08:00–21:00 every day and changes only what a PUT names', async () => {
    const owner = await registerTenant(api, 'windows');
    const initial = await api.get(WINDOWS, { token: owner.token });
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({
      windows: { monday: DAY, tuesday: DAY, wednesday: DAY, thursday: DAY, friday: DAY, saturday: DAY, sunday: DAY },
      fallback_timezone: 'America/New_York', enforced: true, updated_at: null,
    });

    const updated = await api.put(WINDOWS, {
      windows: { monday: { start: '09:00', end: '17:00' }, saturday: null, sunday: null }, fallback_timezone: 'America/Chicago',
    }, { token: owner.token });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({
      windows: { monday: { start: '09:00', end: '17:00' }, tuesday: DAY, wednesday: DAY, thursday: DAY, friday: DAY, saturday: null, sunday: null },
      fallback_timezone: 'America/Chicago', enforced: true, updated_at: expect.any(String),
    });
    expect((await api.get(WINDOWS, { token: owner.token })).body).toEqual(updated.body);
    // Another tenant still has the defaults.
    const other = await registerTenant(api, 'windows-b');
    expect((await api.get(WINDOWS, { token: other.token })).body).toMatchObject({ windows: initial.body.windows, updated_at: null });
  });

  it('refuses an end not after the start, a bad clock, an unknown zone and unknown days with 422', async () => {
    const owner = await registerTenant(api, 'windows-bad');
    const backwards = await api.put(WINDOWS, { windows: { monday: { start: '18:00', end: '09:00' } } }, { token: owner.token });
    expectErrorBody(backwards, 422, 'VALIDATION_FAILED');
    expect(backwards.body.error.details.fields).toEqual({ 'windows.monday.end': ['end must be later than start'] });

    const clock = await api.put(WINDOWS, { windows: { friday: { start: '8am', end: '21:00' } } }, { token: owner.token });
    expectErrorBody(clock, 422, 'VALIDATION_FAILED');
    expect(clock.body.error.details.fields).toHaveProperty(['windows.friday.start']);

    const zone = await api.put(WINDOWS, { fallback_timezone: 'Mars/Olympus_Mons' }, { token: owner.token });
    expectErrorBody(zone, 422, 'VALIDATION_FAILED');
    expect(zone.body.error.details.fields).toHaveProperty('fallback_timezone');

    expectErrorBody(await api.put(WINDOWS, { windows: { funday: DAY } }, { token: owner.token }), 422, 'VALIDATION_FAILED');
    expect((await api.get(WINDOWS, { token: owner.token })).body.updated_at).toBeNull();
  });
});
