import { BUILT_IN_ROLE_PERMISSIONS, ErrorCode, IdentitySubjects as S, PERMISSIONS } from '@parley/contracts';
import { bootIdentity, registerUser, type IdentityHarness, type RegisteredUser } from './support/identity-harness';

describe('identity roles (NATS, Postgres)', () => {
  let h: IdentityHarness;
  let owner: RegisteredUser;

  beforeAll(async () => {
    h = await bootIdentity();
    owner = await registerUser(h.bus);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lists the five built-in roles first, with the catalog permissions', async () => {
    const roles = await h.bus.send(S.listRoles, {}, owner.ctx);
    expect(roles.map((r) => r.name)).toEqual(['owner', 'admin', 'manager', 'agent', 'viewer']);
    expect(roles.every((r) => r.built_in)).toBe(true);
    expect(roles.find((r) => r.name === 'agent')!.permissions).toEqual([...BUILT_IN_ROLE_PERMISSIONS.agent]);
  });

  it('serves the permission catalog', async () => {
    const catalog = await h.bus.send(S.listPermissions, {}, owner.ctx);
    expect(catalog.permissions).toEqual([...PERMISSIONS]);
    expect(Object.keys(catalog.built_in_roles)).toEqual(['owner', 'admin', 'manager', 'agent', 'viewer']);
  });

  it('refuses to change or delete a built-in role (409)', async () => {
    const roles = await h.bus.send(S.listRoles, {}, owner.ctx);
    const viewer = roles.find((r) => r.name === 'viewer')!;
    await expect(h.bus.send(S.deleteRole, { id: viewer.id }, owner.ctx)).rejects.toMatchObject({ code: ErrorCode.Conflict });
    await expect(h.bus.send(S.updateRole, { id: viewer.id, permissions: ['leads:write'] }, owner.ctx)).rejects.toMatchObject({
      code: ErrorCode.Conflict,
    });
    await expect(h.bus.send(S.createRole, { name: 'admin', permissions: [] }, owner.ctx)).rejects.toMatchObject({ code: ErrorCode.Conflict });
    expect(await h.sql('SELECT 1 FROM roles WHERE id = $1', [viewer.id])).toHaveLength(1);
  });

  it('creates, updates and deletes a custom role, recording role.changed each time', async () => {
    const created = await h.bus.send(
      S.createRole,
      { name: 'qa_reviewer', description: 'Scores calls', permissions: ['calls:read', 'leads:read', 'calls:read'] },
      owner.ctx,
    );
    expect(created).toMatchObject({ name: 'qa_reviewer', description: 'Scores calls', built_in: false });
    expect(created.permissions).toEqual(['leads:read', 'calls:read']);
    await expect(h.bus.send(S.createRole, { name: 'qa_reviewer', permissions: [] }, owner.ctx)).rejects.toMatchObject({
      code: ErrorCode.Conflict,
    });

    const updated = await h.bus.send(S.updateRole, { id: created.id, permissions: ['calls:read', 'compliance:read'] }, owner.ctx);
    expect(updated).toMatchObject({ id: created.id, description: 'Scores calls', permissions: ['calls:read', 'compliance:read'] });
    const listed = await h.bus.send(S.listRoles, {}, owner.ctx);
    expect(listed.map((r) => r.name)).toEqual(['owner', 'admin', 'manager', 'agent', 'viewer', 'qa_reviewer']);

    await expect(h.bus.send(S.deleteRole, { id: created.id }, owner.ctx)).resolves.toEqual({ message: 'role qa_reviewer deleted' });
    expect(await h.sql('SELECT 1 FROM roles WHERE id = $1', [created.id])).toHaveLength(0);
    const changes = (await h.outbox('role.changed')).filter((e) => e.data.role_id === created.id);
    expect(changes.map((e) => e.data.change)).toEqual(['created', 'updated', 'deleted']);
    expect(changes.every((e) => e.tenant_id === owner.pair.user.tenant_id && e.actor_id === owner.pair.user.id)).toBe(true);
  });

  it('rejects unknown permissions and bad names (422)', async () => {
    await expect(h.bus.send(S.createRole, { name: 'hacker', permissions: ['root:all'] }, owner.ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
    });
    await expect(h.bus.send(S.createRole, { name: 'Bad Name', permissions: [] }, owner.ctx)).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
    });
  });

  it('refuses to delete a role that members hold (409); members get its permissions in their token', async () => {
    const role = await h.bus.send(S.createRole, { name: 'supervisor', permissions: ['agents:read', 'agents:write'] }, owner.ctx);
    const member = await registerUser(h.bus);
    await h.bus.send(S.addMember, { id: owner.pair.user.tenant_id, email: member.email, role: 'supervisor' }, owner.ctx);
    const switched = await h.bus.send(S.switchTenant, { id: owner.pair.user.tenant_id }, member.ctx);
    expect(switched.user).toMatchObject({ role: 'supervisor', permissions: ['agents:read', 'agents:write'] });

    await expect(h.bus.send(S.deleteRole, { id: role.id }, owner.ctx)).rejects.toMatchObject({
      code: ErrorCode.Conflict, details: { members: 1 },
    });
  });
});
