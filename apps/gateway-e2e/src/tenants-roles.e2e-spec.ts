import { addMemberWithRole, expectErrorBody, registerTenant, sharedPlatform, uniqueEmail } from './support/api';

const { api } = sharedPlatform();

describe('tenants, members and roles', () => {
  it('creates a second tenant and switches between them with new tokens', async () => {
    const owner = await registerTenant(api, 'multi');
    const created = await api.post('/api/v1/tenants', { name: 'Second Co' }, { token: owner.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Second Co', role: 'owner' });

    const mine = await api.get('/api/v1/tenants', { token: owner.token });
    expect(mine.body.map((t: { id: string }) => t.id).sort()).toEqual([owner.tenantId, created.body.id].sort());

    const switched = await api.post(`/api/v1/tenants/${created.body.id}/switch`, {}, { token: owner.token });
    expect(switched.status).toBe(200);
    const current = await api.get('/api/v1/tenant', { token: switched.body.access_token });
    expect(current.body).toMatchObject({ id: created.body.id, name: 'Second Co' });

    const stranger = await registerTenant(api, 'stranger');
    expectErrorBody(await api.post(`/api/v1/tenants/${created.body.id}/switch`, {}, { token: stranger.token }), 404, 'NOT_FOUND');
  });

  it('adds an existing user at once, invites an unknown email, removes a member', async () => {
    const owner = await registerTenant(api, 'team');
    const agent = await addMemberWithRole(api, owner, 'agent');
    expect(agent.tokens.user.role).toBe('agent');

    const invited = await api.post(`/api/v1/tenants/${owner.tenantId}/members`, { email: uniqueEmail('invitee'), role: 'viewer' }, { token: owner.token });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ status: 'invited', user_id: null });

    const again = await api.post(`/api/v1/tenants/${owner.tenantId}/members`, { email: agent.email, role: 'agent' }, { token: owner.token });
    expectErrorBody(again, 409, 'CONFLICT');
    const badRole = await api.post(`/api/v1/tenants/${owner.tenantId}/members`, { email: uniqueEmail('x'), role: 'emperor' }, { token: owner.token });
    expectErrorBody(badRole, 422, 'VALIDATION_FAILED');

    const count = await api.get('/api/v1/tenant/users/count', { token: owner.token });
    expect(count.body).toMatchObject({ tenant_id: owner.tenantId, total: 2, by_role: { owner: 1, agent: 1 } });

    const removed = await api.delete(`/api/v1/tenants/${owner.tenantId}/members/${encodeURIComponent(agent.email)}`, { token: owner.token });
    expect(removed.status).toBe(200);
    expectErrorBody(await api.post(`/api/v1/tenants/${owner.tenantId}/switch`, {}, { token: agent.token }), 404, 'NOT_FOUND');
  });

  it('enforces route permissions from the token', async () => {
    const owner = await registerTenant(api, 'perms');
    const viewer = await addMemberWithRole(api, owner, 'viewer');
    const agent = await addMemberWithRole(api, owner, 'agent');

    expect((await api.get('/api/v1/roles', { token: viewer.token })).status).toBe(200);
    expectErrorBody(await api.post('/api/v1/roles', { name: 'nope', permissions: [] }, { token: viewer.token }), 403, 'FORBIDDEN');
    expectErrorBody(
      await api.post(`/api/v1/tenants/${owner.tenantId}/members`, { email: uniqueEmail('y'), role: 'agent' }, { token: agent.token }),
      403,
      'FORBIDDEN',
    );
    expectErrorBody(await api.post('/api/v1/config/business', { company_name: 'X' }, { token: viewer.token }), 403, 'FORBIDDEN');
  });

  it('manages custom roles; built-in roles stay', async () => {
    const owner = await registerTenant(api, 'roles');
    const catalog = await api.get('/api/v1/permissions', { token: owner.token });
    expect(catalog.body.permissions).toContain('leads:read');
    expect(Object.keys(catalog.body.built_in_roles)).toEqual(['owner', 'admin', 'manager', 'agent', 'viewer']);

    const created = await api.post('/api/v1/roles', { name: 'qa-lead', description: 'QA', permissions: ['calls:read', 'analytics:read'] }, { token: owner.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'qa-lead', built_in: false, permissions: ['calls:read', 'analytics:read'] });
    expectErrorBody(await api.post('/api/v1/roles', { name: 'qa-lead', permissions: [] }, { token: owner.token }), 409, 'CONFLICT');
    expectErrorBody(await api.post('/api/v1/roles', { name: 'bad', permissions: ['time:travel'] }, { token: owner.token }), 422, 'VALIDATION_FAILED');

    const updated = await api.put(`/api/v1/compliance/roles/${created.body.id}`, { permissions: ['calls:read'] }, { token: owner.token });
    expect(updated.body.permissions).toEqual(['calls:read']);

    const member = await addMemberWithRole(api, owner, 'qa-lead');
    expect(member.tokens.user.permissions).toEqual(['calls:read']);
    expectErrorBody(await api.delete(`/api/v1/roles/${created.body.id}`, { token: owner.token }), 409, 'CONFLICT');

    const roles = await api.get('/api/v1/roles', { token: owner.token });
    const ownerRole = roles.body.find((r: { name: string }) => r.name === 'owner');
    expectErrorBody(await api.delete(`/api/v1/roles/${ownerRole.id}`, { token: owner.token }), 409, 'CONFLICT');
  });
});
