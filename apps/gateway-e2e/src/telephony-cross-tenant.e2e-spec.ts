import { expectErrorBody, registerTenant, sharedPlatform, type TestTenant } from './support/api';
import { expectTenantIsolation } from './support/cross-tenant';
import { fictionalNumber } from './support/telephony';

const { api } = sharedPlatform();

const recordCall = async (owner: TestTenant): Promise<string> => {
  const res = await api.post('/api/v1/calls', { direction: 'outbound', type: 'phone', phone_number: fictionalNumber() }, { token: owner.token });
  if (res.status !== 201) throw new Error(`recording a call failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
};

describe('calls, notes and telephony settings across tenants', () => {
  let a: TestTenant;
  let b: TestTenant;
  beforeAll(async () => {
    [a, b] = await Promise.all([registerTenant(api, 'calls-a'), registerTenant(api, 'calls-b')]);
  });

  it('keeps calls to their tenant', async () => {
    await expectTenantIsolation(api, a, b, {
      name: 'call',
      create: recordCall,
      read: (id) => `/api/v1/calls/${id}`,
      list: { path: '/api/v1/calls', ids: (body) => body.data.map((c: { id: string }) => c.id) },
    });
    const id = await recordCall(a);
    const before = (await api.get(`/api/v1/calls/${id}`, { token: a.token })).body;
    expectErrorBody(await api.post(`/api/v1/calls/${id}/end`, {}, { token: b.token }), 404, 'NOT_FOUND');
    expect((await api.get('/api/v1/calls/logs', { token: b.token })).body.data.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await api.get('/api/v1/calls/stats', { token: b.token })).body.total).toBe(0);
    expect((await api.get(`/api/v1/calls/${id}`, { token: a.token })).body).toEqual(before);
  });

  it('keeps notes to the tenant of their call', async () => {
    // A note is addressed through its call: `<call id>/<note id>`.
    await expectTenantIsolation(api, a, b, {
      name: 'call note',
      async create(owner) {
        const callId = await recordCall(owner);
        const note = await api.post(`/api/v1/calls/${callId}/notes`, { content: 'Confidential', category: 'issue' }, { token: owner.token });
        expect(note.status).toBe(201);
        return `${callId}/${note.body.id}`;
      },
      read: (id) => `/api/v1/calls/${id.split('/')[0]}/notes`,
      update: (id) => ({ method: 'PUT', path: `/api/v1/calls/${id.split('/')[0]}/notes/${id.split('/')[1]}`, body: { content: 'Overwritten' } }),
      remove: (id) => `/api/v1/calls/${id.split('/')[0]}/notes/${id.split('/')[1]}`,
    });

    // Through a call of their own, B cannot reach A's note either, nor add notes to A's call.
    const aCall = await recordCall(a);
    const aNote = (await api.post(`/api/v1/calls/${aCall}/notes`, { content: 'Mine' }, { token: a.token })).body;
    const bCall = await recordCall(b);
    expectErrorBody(await api.put(`/api/v1/calls/${bCall}/notes/${aNote.id}`, { content: 'Theirs' }, { token: b.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.delete(`/api/v1/calls/${bCall}/notes/${aNote.id}`, { token: b.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.post(`/api/v1/calls/${aCall}/notes`, { content: 'Planted' }, { token: b.token }), 404, 'NOT_FOUND');
    expect((await api.get(`/api/v1/calls/${aCall}/notes`, { token: a.token })).body).toEqual([aNote]);
  });

  it('keeps each tenant\'s Twilio settings to itself and never shows a token', async () => {
    const token = 'f00dfeedf00dfeedf00dfeedf00dfeed';
    const saved = await api.put('/api/v1/config/telephony', {
      twilio_account_sid: `AC${'0a'.repeat(16)}`, twilio_auth_token: token, twilio_phone_number: '+14155550142',
    }, { token: a.token });
    expect(saved.status).toBe(200);
    expect(JSON.stringify(saved.body)).not.toContain(token);
    const theirs = await api.get('/api/v1/config/telephony', { token: b.token });
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ configured: false, twilio_account_sid: null, twilio_auth_token: null, twilio_phone_number: null });
    const mine = await api.get('/api/v1/config/telephony', { token: a.token });
    expect(mine.body).toEqual(saved.body);
    expect(JSON.stringify(mine.body)).not.toContain(token);
  });
});
