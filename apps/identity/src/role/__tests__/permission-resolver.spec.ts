import { BUILT_IN_ROLE_PERMISSIONS, PERMISSIONS } from '@parley/contracts';
import { PermissionResolver, isBuiltInRoleName } from '../permission-resolver';

describe('PermissionResolver', () => {
  it('gives built-in roles what the catalog says today, not what the row stored', () => {
    const stale = { name: 'manager', builtIn: true, permissions: ['leads:read'] };
    expect(PermissionResolver.resolve(stale)).toEqual([...BUILT_IN_ROLE_PERMISSIONS.manager]);
    expect(PermissionResolver.resolve({ name: 'owner', builtIn: true, permissions: [] })).toEqual([...PERMISSIONS]);
  });

  it('gives custom roles their stored permissions, deduplicated, in catalog order, unknown ones dropped', () => {
    const custom = { name: 'qa', builtIn: false, permissions: ['calls:read', 'leads:read', 'calls:read', 'made:up'] };
    expect(PermissionResolver.resolve(custom)).toEqual(['leads:read', 'calls:read']);
  });

  it('never lets a custom role borrow a built-in name to gain its permissions', () => {
    expect(PermissionResolver.resolve({ name: 'owner', builtIn: false, permissions: ['leads:read'] })).toEqual(['leads:read']);
  });

  it('seeds the five built-in roles with descriptions and catalog permissions', () => {
    const seeds = PermissionResolver.builtInSeeds();
    expect(seeds.map((s) => s.name)).toEqual(['owner', 'admin', 'manager', 'agent', 'viewer']);
    expect(seeds.every((s) => s.builtIn && s.description.length > 0)).toBe(true);
    expect(seeds.find((s) => s.name === 'viewer')!.permissions.every((p) => p.endsWith(':read'))).toBe(true);
  });

  it('lists built-in roles first in their fixed order, then custom roles by name', () => {
    const roles = [
      { name: 'zeta', builtIn: false, permissions: [] },
      { name: 'viewer', builtIn: true, permissions: [] },
      { name: 'alpha', builtIn: false, permissions: [] },
      { name: 'owner', builtIn: true, permissions: [] },
    ];
    expect(roles.sort(PermissionResolver.compareForListing).map((r) => r.name)).toEqual(['owner', 'viewer', 'alpha', 'zeta']);
  });

  it('knows the built-in names', () => {
    expect(isBuiltInRoleName('agent')).toBe(true);
    expect(isBuiltInRoleName('supervisor')).toBe(false);
  });
});
