import {
  BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES, PERMISSIONS, type BuiltInRole, type Permission,
} from '@parley/contracts';

/** What a role row says about its permissions. */
export interface RoleGrant {
  name: string;
  builtIn: boolean;
  permissions: readonly string[];
}

export interface BuiltInRoleSeed {
  name: BuiltInRole;
  description: string;
  permissions: Permission[];
  builtIn: true;
}

const DESCRIPTIONS: { readonly [R in BuiltInRole]: string } = {
  owner: 'Owns the tenant: every permission, and cannot be removed while the only owner',
  admin: 'Administers the tenant: every permission',
  manager: 'Runs the floor: reads everything, manages agents, leads, campaigns, calls and AI agents',
  agent: 'Takes calls and works leads',
  viewer: 'Reads everything, changes nothing',
};

const CATALOG_ORDER = new Map<string, number>(PERMISSIONS.map((p, i) => [p, i]));

export function isBuiltInRoleName(name: string): name is BuiltInRole {
  return (BUILT_IN_ROLES as readonly string[]).includes(name);
}

/** Decides which permissions a role grants. */
export class PermissionResolver {
  /**
   * Built-in roles grant what the catalog says today (so a new permission reaches every
   * tenant without a data migration); custom roles grant what they store, minus anything
   * that has left the catalog. Deduplicated, in catalog order.
   */
  static resolve(role: RoleGrant): Permission[] {
    if (role.builtIn && isBuiltInRoleName(role.name)) return [...BUILT_IN_ROLE_PERMISSIONS[role.name]];
    return PermissionResolver.normalize(role.permissions);
  }

  /** Known permissions only, each once, in catalog order. */
  static normalize(permissions: readonly string[]): Permission[] {
    return [...new Set(permissions)]
      .filter((p): p is Permission => CATALOG_ORDER.has(p))
      .sort((a, b) => (CATALOG_ORDER.get(a) ?? 0) - (CATALOG_ORDER.get(b) ?? 0));
  }

  /** The five roles every tenant starts with. */
  static builtInSeeds(): BuiltInRoleSeed[] {
    return BUILT_IN_ROLES.map((name) => ({
      name,
      description: DESCRIPTIONS[name],
      permissions: [...BUILT_IN_ROLE_PERMISSIONS[name]],
      builtIn: true as const,
    }));
  }

  /** Built-in roles first in their fixed order (owner … viewer), then custom ones by name. */
  static compareForListing(a: RoleGrant, b: RoleGrant): number {
    const rank = (r: RoleGrant) => (r.builtIn && isBuiltInRoleName(r.name) ? BUILT_IN_ROLES.indexOf(r.name) : BUILT_IN_ROLES.length);
    return rank(a) - rank(b) || a.name.localeCompare(b.name);
  }
}
