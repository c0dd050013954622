import { BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES, hasPermissions, PERMISSIONS } from '../permissions';

describe('permissions', () => {
  it('requires every listed permission', () => {
    expect(hasPermissions(['leads:read', 'leads:write'], ['leads:read'])).toBe(true);
    expect(hasPermissions(['leads:read'], ['leads:read', 'leads:write'])).toBe(false);
    expect(hasPermissions([], [])).toBe(true);
  });

  it('gives owners everything and viewers only reads', () => {
    expect([...BUILT_IN_ROLE_PERMISSIONS.owner].sort()).toEqual([...PERMISSIONS].sort());
    expect(BUILT_IN_ROLE_PERMISSIONS.viewer.every((p) => p.endsWith(':read'))).toBe(true);
    expect(BUILT_IN_ROLE_PERMISSIONS.agent).not.toContain('roles:write');
    expect(BUILT_IN_ROLE_PERMISSIONS.manager).not.toContain('members:write');
  });

  it('names only known permissions in built-in roles', () => {
    for (const role of BUILT_IN_ROLES) {
      for (const p of BUILT_IN_ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
    }
  });
});
