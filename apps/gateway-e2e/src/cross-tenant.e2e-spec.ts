import { addMemberWithRole, registerTenant, sharedPlatform, type TestTenant } from './support/api';
import { expectTenantIsolation } from './support/cross-tenant';

const { api } = sharedPlatform();

describe('a tenant never sees another tenant\'s identity data', () => {
  let a: TestTenant;
  let b: TestTenant;
  beforeAll(async () => {
    a = await registerTenant(api, 'tenant-a');
    b = await registerTenant(api, 'tenant-b');
  });

  it('business configurations', () =>
    expectTenantIsolation(api, a, b, {
      name: 'business config',
      create: async (owner) => (await api.post('/api/v1/config/business', { company_name: 'Secret Co' }, { token: owner.token })).body.id,
      read: (id) => `/api/v1/config/business/${id}`,
      update: (id) => ({ method: 'PUT', path: `/api/v1/config/business/${id}`, body: { company_name: 'Hijacked' } }),
      remove: (id) => `/api/v1/config/business/${id}`,
    }));

  it('roles', () =>
    expectTenantIsolation(api, a, b, {
      name: 'role',
      create: async (owner) => (await api.post('/api/v1/roles', { name: `r-${Date.now()}`, permissions: ['leads:read'] }, { token: owner.token })).body.id,
      list: { path: '/api/v1/roles', ids: (body: Array<{ id: string }>) => body.map((r) => r.id) },
      update: (id) => ({ method: 'PUT', path: `/api/v1/roles/${id}`, body: { permissions: ['leads:write'] } }),
      remove: (id) => `/api/v1/roles/${id}`,
    }));

  it('agents', () =>
    expectTenantIsolation(api, a, b, {
      name: 'agent',
      create: async (owner) => (await addMemberWithRole(api, owner, 'agent')).userId,
      read: (id) => `/api/v1/agents/${id}`,
    }));

  it('agent usage and business config usage', async () => {
    const agent = await addMemberWithRole(api, a, 'agent');
    expect((await api.get(`/api/v1/agents/${agent.userId}/usage`, { token: b.token })).status).toBe(404);
    const config = await api.post('/api/v1/config/business', { company_name: 'Usage Co' }, { token: a.token });
    expect((await api.get(`/api/v1/config/business/${config.body.id}/usage`, { token: b.token })).status).toBe(404);
    expect((await api.get(`/api/v1/config/business/${config.body.id}/usage`, { token: a.token })).status).toBe(200);
  });

  it('members of another tenant', async () => {
    const res = await api.delete(`/api/v1/tenants/${a.tenantId}/members/${encodeURIComponent(a.email)}`, { token: b.token });
    expect(res.status).toBe(404);
    const add = await api.post(`/api/v1/tenants/${a.tenantId}/members`, { email: b.email, role: 'admin' }, { token: b.token });
    expect(add.status).toBe(404);
    expect((await api.get('/api/v1/tenant/users/count', { token: a.token })).body.total).toBeGreaterThanOrEqual(1);
  });
});
