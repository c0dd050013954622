import { randomUUID } from 'node:crypto';
import { ErrorCode, IdentitySubjects as S } from '@parley/contracts';
import { bootIdentity, ctxOf, registerUser, uniqueEmail, type IdentityHarness } from './support/identity-harness';

describe('identity tenants and members (NATS, Postgres)', () => {
  let h: IdentityHarness;

  beforeAll(async () => {
    h = await bootIdentity();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('creates a tenant owned by the caller, lists mine, and switches into it', async () => {
    const owner = await registerUser(h.bus, { company: 'First Co' });
    const second = await h.bus.send(S.createTenant, { name: 'Second Co' }, owner.ctx);
    expect(second).toMatchObject({ name: 'Second Co', role: 'owner' });
    expect((await h.outbox('tenant.created')).filter((e) => e.tenant_id === second.id)).toHaveLength(1);

    const mine = await h.bus.send(S.listTenants, {}, owner.ctx);
    expect(mine.map((t) => [t.name, t.role])).toEqual([['First Co', 'owner'], ['Second Co', 'owner']]);

    const current = await h.bus.send(S.currentTenant, {}, owner.ctx);
    expect(current).toMatchObject({ id: owner.pair.user.tenant_id, name: 'First Co', role: 'owner' });

    const switched = await h.bus.send(S.switchTenant, { id: second.id }, owner.ctx);
    expect(switched.user).toMatchObject({ id: owner.pair.user.id, tenant_id: second.id, role: 'owner' });
    const now = await h.bus.send(S.currentTenant, {}, ctxOf(switched));
    expect(now.name).toBe('Second Co');
    // The new refresh token belongs to the new tenant.
    const refreshed = await h.bus.send(S.refresh, { refresh_token: switched.refresh_token });
    expect(refreshed.user.tenant_id).toBe(second.id);
  });

  it('refuses to switch into a tenant the caller is not a member of (404)', async () => {
    const alice = await registerUser(h.bus);
    const bob = await registerUser(h.bus);
    await expect(h.bus.send(S.switchTenant, { id: bob.pair.user.tenant_id }, alice.ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(h.bus.send(S.switchTenant, { id: randomUUID() }, alice.ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });

  it('adds an existing user at once; they can switch to the tenant with that role', async () => {
    const owner = await registerUser(h.bus);
    const agent = await registerUser(h.bus, { company: 'Agent Home' });
    const tenantId = owner.pair.user.tenant_id;
    const added = await h.bus.send(S.addMember, { id: tenantId, email: agent.email.toUpperCase(), role: 'agent' }, owner.ctx);
    expect(added).toEqual({ status: 'added', email: agent.email, role: 'agent', user_id: agent.pair.user.id });
    const [event] = (await h.outbox('member.added')).filter((e) => e.tenant_id === tenantId);
    expect(event.data).toEqual({ user_id: agent.pair.user.id, email: agent.email, role: 'agent' });

    const switched = await h.bus.send(S.switchTenant, { id: tenantId }, agent.ctx);
    expect(switched.user).toMatchObject({ tenant_id: tenantId, role: 'agent' });
    expect(switched.user.permissions).toContain('calls:write');
    expect(switched.user.permissions).not.toContain('members:write');

    await expect(h.bus.send(S.addMember, { id: tenantId, email: agent.email, role: 'viewer' }, owner.ctx)).rejects.toMatchObject({
      code: ErrorCode.Conflict,
    });
    const count = await h.bus.send(S.countUsers, {}, owner.ctx);
    expect(count).toEqual({ tenant_id: tenantId, total: 2, by_role: { owner: 1, agent: 1 } });
  });

  it('refuses members for another tenant id (404) or an unknown role (422)', async () => {
    const owner = await registerUser(h.bus);
    const other = await registerUser(h.bus);
    await expect(
      h.bus.send(S.addMember, { id: other.pair.user.tenant_id, email: uniqueEmail(), role: 'agent' }, owner.ctx),
    ).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(
      h.bus.send(S.addMember, { id: owner.pair.user.tenant_id, email: uniqueEmail(), role: 'wizard' }, owner.ctx),
    ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, details: { fields: { role: expect.any(Array) } } });
  });

  it('invites an unknown email; registering with it joins the tenant with the invited role', async () => {
    const owner = await registerUser(h.bus, { company: 'Inviting Co' });
    const tenantId = owner.pair.user.tenant_id;
    const email = uniqueEmail('invitee');
    const invited = await h.bus.send(S.addMember, { id: tenantId, email, role: 'manager' }, owner.ctx);
    expect(invited).toEqual({ status: 'invited', email, role: 'manager', user_id: null });
    const [event] = (await h.outbox('member.invited')).filter((e) => e.tenant_id === tenantId);
    expect(event.data).toMatchObject({ email, role: 'manager', tenant_name: 'Inviting Co', token: expect.any(String) });
    const [row] = await h.sql<{ token_hash: string; expires_at: Date }>('SELECT token_hash, expires_at FROM invitations WHERE tenant_id = $1', [tenantId]);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Math.abs(row.expires_at.getTime() - (Date.now() + 168 * 3600_000))).toBeLessThan(10_000);

    const invitee = await registerUser(h.bus, { email, company: 'Own Co' });
    const mine = await h.bus.send(S.listTenants, {}, invitee.ctx);
    expect(mine.map((t) => [t.name, t.role]).sort()).toEqual([['Inviting Co', 'manager'], ['Own Co', 'owner']]);
    const [accepted] = await h.sql<{ accepted: boolean }>('SELECT accepted_at IS NOT NULL AS accepted FROM invitations WHERE tenant_id = $1', [tenantId]);
    expect(accepted.accepted).toBe(true);
    expect((await h.outbox('member.added')).filter((e) => e.tenant_id === tenantId).map((e) => e.data.user_id)).toEqual([invitee.pair.user.id]);
  });

  it('removes a member by email, ending their sessions there; an invitation can be cancelled the same way', async () => {
    const owner = await registerUser(h.bus);
    const tenantId = owner.pair.user.tenant_id;
    const member = await registerUser(h.bus);
    await h.bus.send(S.addMember, { id: tenantId, email: member.email, role: 'agent' }, owner.ctx);
    const inTenant = await h.bus.send(S.switchTenant, { id: tenantId }, member.ctx);

    await expect(h.bus.send(S.removeMember, { id: tenantId, email: member.email }, owner.ctx)).resolves.toEqual({
      message: `${member.email} removed from the tenant`,
    });
    expect((await h.outbox('member.removed')).filter((e) => e.tenant_id === tenantId).map((e) => e.data)).toEqual([
      { user_id: member.pair.user.id, email: member.email },
    ]);
    await expect(h.bus.send(S.refresh, { refresh_token: inTenant.refresh_token })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    await expect(h.bus.send(S.switchTenant, { id: tenantId }, member.ctx)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(h.bus.send(S.removeMember, { id: tenantId, email: member.email }, owner.ctx)).rejects.toMatchObject({
      code: ErrorCode.NotFound,
    });

    const invitee = uniqueEmail('invitee');
    await h.bus.send(S.addMember, { id: tenantId, email: invitee, role: 'viewer' }, owner.ctx);
    await expect(h.bus.send(S.removeMember, { id: tenantId, email: invitee }, owner.ctx)).resolves.toEqual({
      message: `invitation of ${invitee} cancelled`,
    });
    expect(await h.sql('SELECT 1 FROM invitations WHERE tenant_id = $1', [tenantId])).toHaveLength(0);
  });

  it('keeps the last owner and an agent in a call (409)', async () => {
    const owner = await registerUser(h.bus);
    const tenantId = owner.pair.user.tenant_id;
    await expect(h.bus.send(S.removeMember, { id: tenantId, email: owner.email }, owner.ctx)).rejects.toMatchObject({
      code: ErrorCode.Conflict, details: { reason: 'last_owner' },
    });

    const coOwner = await registerUser(h.bus);
    await h.bus.send(S.addMember, { id: tenantId, email: coOwner.email, role: 'owner' }, owner.ctx);
    await expect(h.bus.send(S.removeMember, { id: tenantId, email: coOwner.email }, owner.ctx)).resolves.toBeDefined();

    const agent = await registerUser(h.bus);
    await h.bus.send(S.addMember, { id: tenantId, email: agent.email, role: 'agent' }, owner.ctx);
    // The call services feed active_calls; here the test plays their part.
    await h.sql('UPDATE memberships SET active_calls = 1 WHERE tenant_id = $1 AND user_id = $2', [tenantId, agent.pair.user.id]);
    await expect(h.bus.send(S.removeMember, { id: tenantId, email: agent.email }, owner.ctx)).rejects.toMatchObject({
      code: ErrorCode.Conflict, details: { reason: 'in_call' },
    });
  });
});
