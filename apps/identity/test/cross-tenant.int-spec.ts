import { ErrorCode, IdentitySubjects as S } from '@parley/contracts';
import { bootIdentity, registerUser, type IdentityHarness, type RegisteredUser } from './support/identity-harness';

/** Every id-addressed identity request, made by a member of another tenant, answers NOT_FOUND and changes nothing. */
describe('identity cross-tenant isolation (NATS, Postgres)', () => {
  let h: IdentityHarness;
  let alice: RegisteredUser;
  let mallory: RegisteredUser;
  let role: { id: string };
  let config: { id: string };

  beforeAll(async () => {
    h = await bootIdentity();
    alice = await registerUser(h.bus, { company: 'Alice Co' });
    mallory = await registerUser(h.bus, { company: 'Mallory Co' });
    role = await h.bus.send(S.createRole, { name: 'alice_only', permissions: ['leads:read'] }, alice.ctx);
    config = await h.bus.send(S.createBusinessConfig, { company_name: 'Alice Co' }, alice.ctx);
  });

  afterAll(async () => {
    await h?.close();
  });

  const notFound = { code: ErrorCode.NotFound };

  it('hides another tenant\'s roles', async () => {
    await expect(h.bus.send(S.updateRole, { id: role.id, description: 'pwned' }, mallory.ctx)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.deleteRole, { id: role.id }, mallory.ctx)).rejects.toMatchObject(notFound);
    const malloryRoles = await h.bus.send(S.listRoles, {}, mallory.ctx);
    expect(malloryRoles.map((r) => r.id)).not.toContain(role.id);
    const [row] = await h.sql<{ description: string | null }>('SELECT description FROM roles WHERE id = $1', [role.id]);
    expect(row.description).toBeNull();
  });

  it('hides another tenant\'s business configs', async () => {
    await expect(h.bus.send(S.getBusinessConfig, { id: config.id }, mallory.ctx)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.updateBusinessConfig, { id: config.id, company_name: 'Pwned' }, mallory.ctx)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.deleteBusinessConfig, { id: config.id }, mallory.ctx)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.businessConfigUsage, { id: config.id }, mallory.ctx)).rejects.toMatchObject(notFound);
    const page = await h.bus.send(S.listBusinessConfigs, {}, mallory.ctx);
    expect(page.total).toBe(0);
    await expect(h.bus.send(S.getBusinessConfig, { id: config.id }, alice.ctx)).resolves.toMatchObject({ company_name: 'Alice Co' });
  });

  it('hides another tenant\'s agents', async () => {
    await expect(h.bus.send(S.getAgent, { id: alice.pair.user.id }, mallory.ctx)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.agentUsage, { id: alice.pair.user.id }, mallory.ctx)).rejects.toMatchObject(notFound);
    const page = await h.bus.send(S.listAgents, {}, mallory.ctx);
    expect(page.data.map((a) => a.id)).toEqual([mallory.pair.user.id]);
  });

  it('refuses member changes and switching into another tenant', async () => {
    const tenantId = alice.pair.user.tenant_id;
    await expect(h.bus.send(S.addMember, { id: tenantId, email: mallory.email, role: 'owner' }, mallory.ctx)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.removeMember, { id: tenantId, email: alice.email }, mallory.ctx)).rejects.toMatchObject(notFound);
    await expect(h.bus.send(S.switchTenant, { id: tenantId }, mallory.ctx)).rejects.toMatchObject(notFound);
    const members = await h.sql('SELECT user_id FROM memberships WHERE tenant_id = $1', [tenantId]);
    expect(members).toEqual([{ user_id: alice.pair.user.id }]);
  });

  it('refuses tenant-scoped requests that carry no tenant (401)', async () => {
    await expect(h.bus.send(S.listRoles, {})).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
    await expect(h.bus.send(S.getBusinessConfig, { id: config.id })).rejects.toMatchObject({ code: ErrorCode.Unauthorized });
  });
});
