import { expectErrorBody, registerTenant, sharedPlatform, type TestTenant } from './support/api';
import { expectTenantIsolation } from './support/cross-tenant';

const { api } = sharedPlatform();

describe('a tenant never sees another tenant\'s leads data', () => {
  let a: TestTenant;
  let b: TestTenant;
  beforeEach(async () => {
    [a, b] = await Promise.all([registerTenant(api, 'leads-a'), registerTenant(api, 'leads-b')]);
  });

  const newLead = async (owner: TestTenant) =>
    (await api.post('/api/v1/leads', { name: 'Secret Lead', email: `secret-${Date.now()}@a.example` }, { token: owner.token })).body.id as string;

  it('leads', () =>
    expectTenantIsolation(api, a, b, {
      name: 'lead',
      create: newLead,
      read: (id) => `/api/v1/leads/${id}`,
      update: (id) => ({ method: 'PATCH', path: `/api/v1/leads/${id}`, body: { name: 'Hijacked' } }),
      remove: (id) => `/api/v1/leads/${id}`,
    }));

  it('leads replaced, scored, routed or searched from another tenant', async () => {
    const id = await newLead(a);
    expectErrorBody(await api.put(`/api/v1/leads/${id}`, { name: 'Hijacked' }, { token: b.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.post(`/api/v1/leads/${id}/score`, {}, { token: b.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.post('/api/v1/automation/leads/route', { lead_id: id }, { token: b.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.post('/api/v1/automation/leads/score', { lead_ids: [id] }, { token: b.token }), 404, 'NOT_FOUND');
    expect((await api.get('/api/v1/leads?search=secret', { token: b.token })).body.total).toBe(0);
    expect((await api.get('/api/v1/automation/leads/ranked', { token: b.token })).body).toEqual([]);
    expect((await api.get('/api/v1/leads/stats', { token: b.token })).body.total).toBe(0);
    expect((await api.get(`/api/v1/leads/${id}`, { token: a.token })).body.name).toBe('Secret Lead');
  });

  it('activities under another tenant\'s lead', async () => {
    const leadId = await newLead(a);
    const mine = await api.post(`/api/v1/leads/${leadId}/activities`, { type: 'note', description: 'private' }, { token: a.token });
    expect(mine.status).toBe(201);

    expectErrorBody(await api.get(`/api/v1/leads/${leadId}/activities`, { token: b.token }), 404, 'NOT_FOUND');
    expectErrorBody(
      await api.post(`/api/v1/leads/${leadId}/activities`, { type: 'demo_requested' }, { token: b.token }), 404, 'NOT_FOUND',
    );

    const list = await api.get(`/api/v1/leads/${leadId}/activities`, { token: a.token });
    expect(list.body.total).toBe(1);
    expect(list.body.data[0]).toMatchObject({ id: mine.body.id, type: 'note', description: 'private' });
  });

  it('routing rules', () =>
    expectTenantIsolation(api, a, b, {
      name: 'routing rule',
      create: async (owner) =>
        (await api.post(
          '/api/v1/automation/routing-rules',
          { name: 'Referrals first', conditions: [{ field: 'source', operator: 'equals', value: 'referral' }], action: { type: 'least_busy' } },
          { token: owner.token },
        )).body.id,
      list: { path: '/api/v1/automation/routing-rules', ids: (body: Array<{ id: string }>) => body.map((r) => r.id) },
      update: (id) => ({ method: 'PUT', path: `/api/v1/automation/routing-rules/${id}`, body: { enabled: false } }),
      remove: (id) => `/api/v1/automation/routing-rules/${id}`,
    }));

  it('campaigns', () =>
    expectTenantIsolation(api, a, b, {
      name: 'campaign',
      create: async (owner) => (await api.post('/api/v1/campaigns', { name: 'Secret Campaign' }, { token: owner.token })).body.id,
      read: (id) => `/api/v1/campaigns/${id}`,
      list: { path: '/api/v1/campaigns', ids: (body: { data: Array<{ id: string }> }) => body.data.map((c) => c.id) },
      update: (id) => ({ method: 'PUT', path: `/api/v1/campaigns/${id}`, body: { name: 'Hijacked' } }),
      remove: (id) => `/api/v1/campaigns/${id}`,
    }));

  it('campaign actions and another tenant\'s ids inside a request', async () => {
    const campaign = (await api.post('/api/v1/campaigns', { name: 'A Campaign' }, { token: a.token })).body;
    expectErrorBody(await api.post(`/api/v1/campaigns/${campaign.id}/start`, {}, { token: b.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.post(`/api/v1/campaigns/${campaign.id}/pause`, {}, { token: b.token }), 404, 'NOT_FOUND');
    const inFuture = new Date(Date.now() + 3_600_000).toISOString();
    expectErrorBody(
      await api.post('/api/v1/automation/schedule-campaign', { campaign_id: campaign.id, scheduled_at: inFuture }, { token: b.token }),
      404, 'NOT_FOUND',
    );
    // B cannot attach A's lead to its own campaign, nor file its lead under A's campaign.
    const leadOfA = await newLead(a);
    expectErrorBody(await api.post('/api/v1/campaigns', { name: 'B Campaign', lead_ids: [leadOfA] }, { token: b.token }), 404, 'NOT_FOUND');
    expectErrorBody(await api.post('/api/v1/leads', { name: 'B Lead', campaign_id: campaign.id }, { token: b.token }), 404, 'NOT_FOUND');
    expect((await api.get(`/api/v1/campaigns/${campaign.id}`, { token: a.token })).body).toMatchObject({ status: 'draft', lead_count: 0 });
    expect((await api.get('/api/v1/campaigns/stats', { token: b.token })).body.total).toBe(0);
  });
});
